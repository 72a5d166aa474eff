import Foundation

/// Turns one document's sorted `(column, count)` pairs into TF-IDF values and appends the row to a
/// CSR piece: `tf` (or `1 + ln tf`), times `idf[column]`, then the whole row scaled to unit L2 norm.
///
/// Arithmetic is in `Double` (as scikit-learn's float64) and rounded to `Float` once at the end.
struct TfidfWeighting: Sendable {
    let idf: [Double]
    let sublinearTF: Bool
    let useIDF: Bool
    let normalizeRows: Bool

    init(configuration: TfidfConfiguration, idf: [Float]) {
        self.idf = idf.map(Double.init)
        sublinearTF = configuration.sublinearTF
        useIDF = configuration.useIDF
        normalizeRows = configuration.normalizeRows
    }

    /// A CSR piece under construction: rows of one chunk of documents.
    struct Piece {
        var offsets: [Int] = [0]
        var indices: [Int32] = []
        var values: [Float] = []
        var scratch: [Double] = []
    }

    /// Appends a row given `packed` entries `column << 32 | count`, sorted ascending (so by column,
    /// with each column at most once).
    /// - Complexity: O(packed.count).
    @inline(__always)
    func appendRow(_ packed: [UInt64], to piece: inout Piece) {
        piece.scratch.removeAll(keepingCapacity: true)
        var squares = 0.0
        idf.withUnsafeBufferPointer { idf in
            for entry in packed {
                let column = Int(entry >> 32), count = Double(entry & 0xFFFF_FFFF)
                precondition(column < idf.count, "TfidfWeighting: column \(column) outside the vocabulary")
                var value = sublinearTF ? 1 + log(count) : count
                if useIDF { value *= idf[column] }
                squares += value * value
                piece.scratch.append(value)
                piece.indices.append(Int32(truncatingIfNeeded: column))
            }
        }
        let scale = normalizeRows && squares > 0 ? 1 / squares.squareRoot() : 1
        for value in piece.scratch { piece.values.append(Float(value * scale)) }
        piece.offsets.append(piece.indices.count)
    }

    /// Sorts column ids and run-length encodes them into `packed` (`column << 32 | count`).
    /// - Complexity: O(k log k) for k columns.
    @inline(__always)
    static func countColumns(_ columns: inout [Int32], into packed: inout [UInt64]) {
        packed.removeAll(keepingCapacity: true)
        guard !columns.isEmpty else { return }
        columns.sort()
        packRuns(of: columns, into: &packed)
    }

    /// Run-length encodes sorted, non-empty column ids into `packed` (`column << 32 | count`).
    @inline(__always)
    static func packRuns(of sorted: [Int32], into packed: inout [UInt64]) {
        var current = sorted[0], run: UInt64 = 0
        for column in sorted {
            if column != current {
                packed.append(UInt64(truncatingIfNeeded: current) << 32 | run)  // columns are ≥ 0
                current = column
                run = 0
            }
            run &+= 1  // at most `sorted.count`
        }
        packed.append(UInt64(truncatingIfNeeded: current) << 32 | run)
    }
}
