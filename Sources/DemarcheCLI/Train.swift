import ArgumentParser
import Demarche
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a stance model from labeled rows (JSON Lines or CSV).",
        discussion: """
            Each row names a sentence, a target (a literal substring of the sentence, or a party \
            id or name from the gazetteer) and a label: hostile, conciliatory or neutral.
              JSON Lines: {"text": "…", "target": "…", "label": "hostile"}
              CSV (RFC 4180) with a header row: text,target,label
            A directory stands for every .jsonl, .json and .csv file under it.
            """)

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Labeled files or directories (- for stdin).", valueName: "path"))
    var data: [String] = []

    @Option(help: ArgumentHelp("Extra parties (gazetteer TSV) merged over the bundled gazetteer.", valueName: "file"))
    var parties: String?

    @Option(help: ArgumentHelp("Where to write the model (written atomically).", valueName: "file"))
    var out: String = "model.demarche"

    @Option(help: "Inverse L2 regularisation strength (scikit-learn's C).")
    var c: Double?

    @Option(name: .customLong("c-grid"), help: ArgumentHelp("Comma-separated C values to choose from by cross-validation.", valueName: "list"))
    var cGrid: String?

    @Option(help: ArgumentHelp("Stop fitting when the largest gradient component is at most this (scikit-learn's tol for lbfgs; its default is 1e-4).", valueName: "tol"))
    var tol: Double = 2e-4

    @Option(help: "Cross-validation folds (0 = none).")
    var folds: Int = 5

    @Option(help: "Seed of the fold assignment.")
    var seed: UInt64 = 1

    @Option(name: .customLong("class-weight"), help: "Class weighting: balanced or none.")
    var classWeight: String = "balanced"

    @Option(name: .customLong("ngram-max"), help: "Longest word n-gram.")
    var ngramMax: Int = 2

    @Option(name: .customLong("min-df"), help: "Minimum document frequency of a term.")
    var minDF: Int = 2

    @Option(name: .customLong("char-ngrams"), help: ArgumentHelp("Also use character n-grams of these lengths, e.g. 2-4.", valueName: "min-max"))
    var charNgrams: String?

    @Flag(name: .customLong("plain-features"), help: "Plain TF-IDF n-grams without target-aware features (for comparison).")
    var plainFeatures = false

    @Option(name: .customLong("without"), help: ArgumentHelp("Turn off target-aware features (comma-separated): marks, window, side, negation, role, lexicon, attribution, speaker, grammar, clause, alone.", valueName: "list"))
    var without: String?

    @Option(name: .customLong("with"), help: ArgumentHelp("Turn on target-aware features that are off by default (comma-separated, same names; side, attribution, speaker, grammar, clause and alone are off by default).", valueName: "list"))
    var with: String?

    @Option(name: .customLong("window"), help: "Tokens each side of the target in the context window.")
    var window: Int = 3

    @Option(name: .customLong("neutral-offset"), help: ArgumentHelp("Added to the log-probability of neutral after calibration: the shift from the corpus's share of neutral rows to real news (default: the bundled model's setting).", valueName: "x"))
    var neutralOffset: Double?

    @Flag(name: .customLong("no-calibration"), help: "Do not fit a calibration (temperature and class offsets) on the cross-validation folds.")
    var noCalibration = false

    @Flag(name: .customLong("verbose"), help: "Print each training step with the seconds elapsed (to standard error; shown anyway on a terminal).")
    var verbose = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.validate(for: "train", offers: [.table, .json, .jsonl, .csv])
        if data.isEmpty { throw ValidationError("give at least one --data file or directory") }
        if c != nil && cGrid != nil { throw ValidationError("give either --c or --c-grid, not both") }
    }

    func run() throws {
        try reportingErrors {
            var config = TrainingConfiguration()
            if let c { config.regression.c = c }
            guard tol >= 0 && tol.isFinite else {
                throw StanceError.invalidConfiguration(parameter: "tol", rule: "must be >= 0 and finite", value: "\(tol)", fix: "use a small value such as 2e-4 (write --tol=1e-4 for a tighter fit)")
            }
            config.regression.gradientTolerance = tol
            if let cGrid {
                config.cGrid = try cGrid.split(separator: ",").map { part -> Double in
                    guard let v = Double(part.trimmingCharacters(in: .whitespaces)) else {
                        throw StanceError.invalidConfiguration(parameter: "c-grid", rule: "must be comma-separated numbers", value: String(part), fix: "write e.g. --c-grid 0.5,1,2,4")
                    }
                    return v
                }
            }
            config.folds = folds
            config.seed = seed
            if let neutralOffset { config.neutralOffset = neutralOffset }
            config.calibrate = !noCalibration
            guard let weighting = ClassWeighting(rawValue: classWeight) else {
                throw StanceError.invalidConfiguration(parameter: "class-weight", rule: "must be balanced or none", value: classWeight, fix: "use --class-weight balanced")
            }
            config.regression.classWeighting = weighting
            config.tfidf.wordNgramRange = 1...max(1, ngramMax)
            if ngramMax < 1 {
                throw StanceError.invalidConfiguration(parameter: "ngram-max", rule: "must be >= 1", value: "\(ngramMax)", fix: "use 1 or 2")
            }
            config.tfidf.minDocumentFrequency = minDF
            if let charNgrams {
                let parts = charNgrams.split(separator: "-").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else {
                    throw StanceError.invalidConfiguration(parameter: "char-ngrams", rule: "must be MIN-MAX with 1 <= MIN <= MAX", value: charNgrams, fix: "write e.g. --char-ngrams 2-4")
                }
                config.tfidf.characterNgramRange = parts[0]...parts[1]
            }
            if plainFeatures { config.features = .plain }
            config.features.windowSize = window
            for group in try FeatureGroup.groups(shortNames: with ?? "", parameter: "with") { config.features[group] = true }
            for group in try FeatureGroup.groups(shortNames: without ?? "", parameter: "without") { config.features[group] = false }

            // Before any work: a run that cannot save its model is stopped now, not after training.
            try OutputPath.check(out, what: "the model", example: "model.demarche")
            let start = Date()
            var gazetteer = try Bundled.gazetteer()
            if let parties { gazetteer = gazetteer.merging(try Gazetteer(contentsOf: parties)) }
            let rows = try RowReader.read(paths: data)
            let showProgress = verbose || Console.stderrIsTerminal
            if showProgress { Console.error(String(format: "[%6.2f s] ", Date().timeIntervalSince(start)) + "read \(rows.count) rows") }
            #if canImport(Glibc)
            if rows.count >= 500_000 {
                // glibc raises its mmap threshold whenever a large block is freed, so later large arrays
                // come from the heap and are not returned to the system when freed: training frees its
                // counts, shards and pieces as it goes, but at 1M benchmark rows that kept the peak RSS at
                // 2.64 GB instead of 2.09 GB (the same run with MALLOC_MMAP_THRESHOLD_=131072). A fixed
                // threshold keeps every block of 128 KB and more mmapped and returned on free. Only for large
                // inputs: at 100k rows the extra page faults cost ~0.3 s of system time (5% of the CPU) for
                // a peak that is small anyway (372 -> 311 MB).
                // (`mallopt` from <malloc.h>, which the Glibc module does not export; M_MMAP_THRESHOLD is -3.)
                if let symbol = dlsym(nil, "mallopt") {
                    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
                    _ = unsafeBitCast(symbol, to: MallOpt.self)(-3, 128 * 1024)
                }
            }
            #endif
            let lexicon = config.features[.lexicon] ? try Bundled.lexicon() : .empty
            let (model, report) = try StanceTrainer.train(rows: consume rows, gazetteer: gazetteer, lexicon: lexicon, configuration: config,
                                                          sources: data) { line in
                if showProgress { Console.error(String(format: "[%6.2f s] ", Date().timeIntervalSince(start)) + line) }
            }
            try model.write(to: out)
            let seconds = Date().timeIntervalSince(start)
            try ResultWriter(value: report, table: { TrainingSummary.text($0, seconds: seconds, out: out) },
                             csv: TrainingSummary.csv).write(output.chosen)
        }
    }
}

/// Views of a training run's report.
enum TrainingSummary {
    /// One row per C tried by cross-validation (none without it).
    static func csv(_ report: TrainingReport) -> (header: [String], rows: [[String]]) {
        (["c", "folds", "mean_macro_f1", "mean_accuracy", "chosen"],
         report.crossValidation.map { [csvNumber($0.c), "\($0.foldMetrics.count)", csvNumber($0.meanMacroF1),
                                       csvNumber($0.meanAccuracy), $0.c == report.chosenC ? "true" : "false"] })
    }

    /// The summary a person reads.
    static func text(_ report: TrainingReport, seconds: Double, out: String) -> String {
        var lines: [String] = []
        let counts = zip(StanceLabel.all, report.labelCounts).map { "\($0) \($1)" }.joined(separator: ", ")
        lines.append("rows: \(report.rows) (\(counts)); features: \(report.featureCount)")
        for r in report.crossValidation {
            let marker = r.c == report.chosenC ? "  <- chosen" : ""
            lines.append(String(format: "C=%-8g cross-validated macro-F1 %.3f  accuracy %.3f (%d folds)", r.c, r.meanMacroF1, r.meanAccuracy, r.foldMetrics.count) + marker)
        }
        let conv = report.convergence
        lines.append(String(format: "final fit: C=%g, %d iterations (%d evaluations), gradient norm %.2e, ", report.chosenC, conv.iterations,
                            conv.functionEvaluations, conv.gradientNorm)
                     + (conv.isConverged ? "converged" : "NOT converged (\(conv.stopReason))"))
        let cal = report.calibration
        if cal != .identity {
            lines.append(String(format: "calibration: temperature %.3f, offsets conciliatory %+.3f hostile %+.3f neutral %+.3f",
                                cal.temperature, cal.offsets[0], cal.offsets[1], cal.offsets[2]))
        }
        if let accuracy = report.sourceTrainingAccuracy {
            lines.append(String(format: "source model: %d rows with a source in the sentence (%d others skipped), training accuracy %.3f",
                                report.sourceRows, report.sourceRowsSkipped, accuracy))
        } else {
            lines.append("source model: none (no row carries a source)")
        }
        lines.append("wrote \(out) in " + String(format: "%.1f s", seconds))
        return lines.joined(separator: "\n")
    }
}
