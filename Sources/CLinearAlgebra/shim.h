#ifndef DEMARCHE_CLINEARALGEBRA_SHIM_H
#define DEMARCHE_CLINEARALGEBRA_SHIM_H

// CBLAS from Debian's libblas-dev (reference BLAS, or OpenBLAS through alternatives).
#include <cblas.h>

// LAPACK has no C header in liblapack-dev (LAPACKE is a separate package), so the
// Fortran symbols we use are declared here: every argument by pointer, column-major.

/// Cholesky solve of a symmetric positive definite system A X = B.
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info);

/// LU solve of a general system A X = B.
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv,
            double *b, const int *ldb, int *info);

#endif
