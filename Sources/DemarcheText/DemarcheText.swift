// DemarcheText: text normalisation, sentences, tokens, gazetteer, mentions. Work in progress.
