import ArgumentParser
import Demarche
import Foundation

struct Parties: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parties", abstract: "List the parties the gazetteer knows.")

    @Option(help: "Only parties whose id, name or alias contains this text (case-insensitive).")
    var search: String?

    @OptionGroup var output: OutputOptions

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        try output.validate(for: "parties", offers: [.table, .json, .jsonl, .csv, .tsv])
    }

    func run() throws {
        try reportingErrors {
            let gazetteer = try modelOptions.load().gazetteer
            let parties = search.map { gazetteer.search($0) } ?? gazetteer.parties
            if output.chosen == .tsv {
                Console.print(try Gazetteer(parties: parties).tsv(), terminator: "")
                return
            }
            try ResultWriter(value: parties, table: { parties in
                parties.map { p in
                    let aliases = p.aliases.prefix(8).joined(separator: ", ") + (p.aliases.count > 8 ? ", …" : "")
                    var extra = ""
                    if let a = p.affiliation, !a.isEmpty { extra += " [\(a)\(p.role.map { ", " + $0 } ?? "")]" }
                    return "\(pad(p.id, 26)) \(pad(p.kind.rawValue, 12)) \(p.name)\(extra)\(aliases.isEmpty ? "" : ": " + aliases)"
                }.joined(separator: "\n") + (parties.isEmpty ? "" : "\n") + "\(parties.count) of \(gazetteer.parties.count) parties"
            }, csv: { parties in
                (["id", "kind", "name", "affiliation", "role", "from", "to", "aliases"],
                 parties.map { [$0.id, $0.kind.rawValue, $0.name, $0.affiliation ?? "", $0.role ?? "", $0.from ?? "", $0.to ?? "",
                                $0.aliases.joined(separator: "|")] })
            }, lines: { $0 }).write(output.chosen)
        }
    }
}
