// DemarcheML: domain-free numerics (sparse matrices, TF-IDF, softmax regression). Work in progress.
