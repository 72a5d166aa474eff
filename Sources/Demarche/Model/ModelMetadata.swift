import DemarcheML

/// What a model file says about how it was made.
public struct ModelMetadata: Sendable, Codable, Equatable {
    /// Version of Demarche that wrote the file.
    public var writer: String
    /// FNV-1a 64 hash (hex) of the training rows in reading order: text, target and label.
    public var trainingDataHash: String
    /// Number of training rows.
    public var trainingRows: Int
    /// The files the rows came from, as given on the command line (for the record only).
    public var trainingSources: [String]
    /// The C used for the final fit.
    public var c: Double
    /// The grid C was chosen from, empty when C was given.
    public var cGrid: [Double]
    /// Cross-validation folds and seed (0 folds when no cross-validation ran).
    public var folds: Int
    /// Seed of the fold assignment.
    public var seed: UInt64
    /// Mean cross-validated macro-F1 and accuracy at the chosen C, when cross-validation ran.
    public var crossValidatedMacroF1: Double?
    /// Mean cross-validated accuracy at the chosen C.
    public var crossValidatedAccuracy: Double?
    /// How the final fit converged.
    public var convergence: ConvergenceReport

    /// Creates metadata.
    public init(writer: String = Demarche.version, trainingDataHash: String, trainingRows: Int, trainingSources: [String],
                c: Double, cGrid: [Double], folds: Int, seed: UInt64, crossValidatedMacroF1: Double?,
                crossValidatedAccuracy: Double?, convergence: ConvergenceReport) {
        self.writer = writer; self.trainingDataHash = trainingDataHash; self.trainingRows = trainingRows
        self.trainingSources = trainingSources; self.c = c; self.cGrid = cGrid; self.folds = folds; self.seed = seed
        self.crossValidatedMacroF1 = crossValidatedMacroF1; self.crossValidatedAccuracy = crossValidatedAccuracy
        self.convergence = convergence
    }
}

/// Library-wide constants.
public enum Demarche {
    /// The library's version, written into model files.
    public static let version = "0.1.0"
}

/// FNV-1a 64: a small, stable, dependency-free hash for checksums and data fingerprints.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        value = h
    }

    mutating func combine(_ string: String) {
        var s = string
        s.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The fingerprint of labeled rows: order, text, target and label all count.
    static func fingerprint(_ rows: [LabeledRow]) -> String {
        var h = FNV1a64()
        for r in rows {
            h.combine(r.text); h.combine("\u{1F}"); h.combine(r.target); h.combine("\u{1F}"); h.combine(r.label.rawValue); h.combine("\u{1E}")
        }
        return h.hex
    }
}
