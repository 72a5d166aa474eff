import Foundation
import DemarcheText

/// The files that ship with Demarche: the default model, the gazetteer and the cue lexicon.
///
/// They are resources of this library target (`Sources/Demarche/Resources/`, copies of
/// `Models/default.demarche`, `TrainingData/parties.tsv` and `TrainingData/lexicon.tsv` made by
/// `Scripts/sync-resources.sh`; CI checks that they are equal). SwiftPM copies them into a
/// directory `Demarche_Demarche.resources` beside every executable it builds — the `demarche` tool,
/// a dependent package's program, the test runner — and `Scripts/install.sh` copies them into
/// `PREFIX/share/demarche`. So a built or installed binary finds them without the source tree.
///
/// Each file is looked for, in order:
/// 1. the path in its environment variable (`DEMARCHE_MODEL`, `DEMARCHE_PARTIES`, `DEMARCHE_LEXICON`);
/// 2. in each of `searchDirectories` (`DEMARCHE_DATA` first when it is set).
///
/// Unlike SwiftPM's generated `Bundle.module`, which stops the process when the resource
/// directory is missing, a missing file is a thrown `StanceError.missingResource` naming where it
/// looked and how to fix it.
public enum Bundled {
    /// The name SwiftPM gives this target's resource directory.
    #if canImport(Darwin)
    static let resourceBundleName = "Demarche_Demarche.bundle"
    #else
    static let resourceBundleName = "Demarche_Demarche.resources"
    #endif

    /// Where the bundled files are looked for, in order: `$DEMARCHE_DATA` (when set), then
    /// `Demarche_Demarche.resources` beside the main executable (as SwiftPM lays out a build), the
    /// same beside the executable with symbolic links resolved, then `../share/demarche` from the
    /// executable's real directory (the layout of `Scripts/install.sh PREFIX`).
    public static var searchDirectories: [String] {
        var dirs: [String] = []
        if let data = ProcessInfo.processInfo.environment["DEMARCHE_DATA"], !data.isEmpty { dirs.append(data) }
        for dir in executableDirectories {
            dirs.append(dir + "/" + resourceBundleName)
            #if canImport(Darwin)
            dirs.append(dir + "/" + resourceBundleName + "/Contents/Resources")
            #endif
        }
        if let real = executableDirectories.last {
            dirs.append(URL(fileURLWithPath: real).deletingLastPathComponent().appendingPathComponent("share/demarche").path)
        }
        var seen = Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }

    /// The main bundle's directory, then the directory of the executable with symbolic links resolved.
    private static var executableDirectories: [String] {
        var dirs = [Bundle.main.bundleURL.standardizedFileURL.path]
        if let exe = Bundle.main.executableURL {
            dirs.append(exe.resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL.path)
        }
        return dirs
    }

    /// The path of a bundled file: the environment variable's value when it is set, else the first
    /// search directory that holds `name`.
    /// - Throws: `StanceError.missingResource` when no search directory holds it.
    static func path(of name: String, variable: String) throws -> String {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty { return path }
        let dirs = searchDirectories
        for dir in dirs {
            let path = dir + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { return path }
        }
        throw StanceError.missingResource(name: name, searched: dirs, variable: variable)
    }

    /// Path of the default model: `$DEMARCHE_MODEL`, else the bundled `default.demarche`.
    /// - Throws: `StanceError.missingResource` when it is not found.
    public static var modelPath: String {
        get throws { try path(of: "default.demarche", variable: "DEMARCHE_MODEL") }
    }

    /// Path of the bundled gazetteer: `$DEMARCHE_PARTIES`, else the bundled `parties.tsv`.
    /// - Throws: `StanceError.missingResource` when it is not found.
    public static var partiesPath: String {
        get throws { try path(of: "parties.tsv", variable: "DEMARCHE_PARTIES") }
    }

    /// Path of the bundled cue lexicon: `$DEMARCHE_LEXICON`, else the bundled `lexicon.tsv`.
    /// - Throws: `StanceError.missingResource` when it is not found.
    public static var lexiconPath: String {
        get throws { try path(of: "lexicon.tsv", variable: "DEMARCHE_LEXICON") }
    }

    /// Loads the default model.
    /// - Throws: `StanceError` when it is missing or damaged.
    public static func defaultModel() throws -> StanceModel {
        try StanceModel(contentsOf: modelPath)
    }

    /// Loads the bundled gazetteer.
    /// - Throws: `StanceError` when it is missing, `TextError` when a row is bad.
    public static func gazetteer() throws -> Gazetteer {
        try Gazetteer(contentsOf: partiesPath)
    }

    /// Loads the bundled cue lexicon.
    /// - Throws: `StanceError` when it is missing or a row is bad.
    public static func lexicon() throws -> StanceLexicon {
        try StanceLexicon(contentsOf: lexiconPath)
    }
}
