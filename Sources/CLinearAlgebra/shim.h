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

/// A hint to fetch the cache line at `p` for reading (no fault, no wait; `TermIndex.findAll`
/// fetches the slots of terms it will look up a few terms ahead). Swift has no prefetch of its own.
static inline void demarche_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

#endif
