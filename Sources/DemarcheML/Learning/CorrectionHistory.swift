/// The last `capacity` L-BFGS correction pairs `s = x₊ − x`, `y = g₊ − g` and the two-loop recursion.
///
/// A ring of preallocated vectors (allocated as the history first fills); vector work is BLAS level 1.
struct CorrectionHistory {
    let capacity: Int
    let dimension: Int
    private var s: [[Double]] = []
    private var y: [[Double]] = []
    private var rho: [Double] = []
    private var newest = -1
    private(set) var count = 0
    private var alpha: [Double]

    init(capacity: Int, dimension: Int) {
        self.capacity = capacity
        self.dimension = dimension
        alpha = [Double](repeating: 0, count: capacity)
    }

    var isEmpty: Bool { count == 0 }

    /// Forgets every pair (the next direction is steepest descent).
    mutating func removeAll() {
        count = 0
        newest = -1
    }

    /// Stores the pair of one accepted step when its curvature `sᵀy` is safely positive (otherwise
    /// the update would not keep `H` positive definite and the pair is skipped).
    /// - Complexity: O(dimension).
    mutating func push(oldPoint: [Double], newPoint: [Double], oldGradient: [Double], newGradient: [Double]) {
        let slot = (newest + 1) % capacity
        if s.count <= slot {
            s.append([Double](repeating: 0, count: dimension))
            y.append([Double](repeating: 0, count: dimension))
            rho.append(0)
        }
        let n = dimension
        let (sy, yy): (Double, Double) = s[slot].withUnsafeMutableBufferPointer { sp in
            y[slot].withUnsafeMutableBufferPointer { yp in
                newPoint.withUnsafeBufferPointer { BLAS.copy($0.baseAddress!, sp.baseAddress!, count: n) }
                oldPoint.withUnsafeBufferPointer { BLAS.axpy(-1, $0.baseAddress!, sp.baseAddress!, count: n) }
                newGradient.withUnsafeBufferPointer { BLAS.copy($0.baseAddress!, yp.baseAddress!, count: n) }
                oldGradient.withUnsafeBufferPointer { BLAS.axpy(-1, $0.baseAddress!, yp.baseAddress!, count: n) }
                return (BLAS.dot(sp.baseAddress!, yp.baseAddress!, count: n), BLAS.dot(yp.baseAddress!, yp.baseAddress!, count: n))
            }
        }
        guard sy > Double.ulpOfOne * yy, yy > 0 else {
            // The slot just overwritten was the oldest pair when the ring was full: it is gone.
            if count == capacity { count -= 1 }
            return
        }
        rho[slot] = 1 / sy
        newest = slot
        count = min(count + 1, capacity)
    }

    /// `direction ← −H·gradient` by the two-loop recursion (`−gradient` when empty).
    /// - Complexity: O(count · dimension).
    mutating func direction(for gradient: [Double], into direction: inout [Double]) {
        let n = dimension, m = count
        direction.withUnsafeMutableBufferPointer { dp in
            let d = dp.baseAddress!
            gradient.withUnsafeBufferPointer { BLAS.copy($0.baseAddress!, d, count: n) }
            guard m > 0 else {
                BLAS.scale(-1, d, count: n)
                return
            }
            // First loop: newest to oldest.
            for k in 0..<m {
                let i = (newest - k + capacity) % capacity
                let a = rho[i] * s[i].withUnsafeBufferPointer { BLAS.dot($0.baseAddress!, d, count: n) }
                alpha[i] = a
                y[i].withUnsafeBufferPointer { BLAS.axpy(-a, $0.baseAddress!, d, count: n) }
            }
            // Initial Hessian γI with γ = sᵀy / yᵀy of the newest pair.
            let gamma = y[newest].withUnsafeBufferPointer { yp in
                (1 / rho[newest]) / BLAS.dot(yp.baseAddress!, yp.baseAddress!, count: n)
            }
            BLAS.scale(gamma, d, count: n)
            // Second loop: oldest to newest.
            for k in stride(from: m - 1, through: 0, by: -1) {
                let i = (newest - k + capacity) % capacity
                let b = rho[i] * y[i].withUnsafeBufferPointer { BLAS.dot($0.baseAddress!, d, count: n) }
                s[i].withUnsafeBufferPointer { BLAS.axpy(alpha[i] - b, $0.baseAddress!, d, count: n) }
            }
            BLAS.scale(-1, d, count: n)
        }
    }
}
