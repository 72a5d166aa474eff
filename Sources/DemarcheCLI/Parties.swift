import ArgumentParser
import Demarche
import Foundation

struct Parties: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the parties the gazetteer knows.")

    @Option(help: "Only parties whose id, name or alias contains this text (case-insensitive).")
    var search: String?

    @Flag(help: "Print the matching rows as gazetteer TSV.")
    var tsv = false

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        try reportingErrors {
            let gazetteer = try modelOptions.load().gazetteer
            let parties = search.map { gazetteer.search($0) } ?? gazetteer.parties
            if tsv {
                Console.print(try Gazetteer(parties: parties).tsv(), terminator: "")
                return
            }
            for p in parties {
                let aliases = p.aliases.prefix(8).joined(separator: ", ") + (p.aliases.count > 8 ? ", …" : "")
                var extra = ""
                if let a = p.affiliation, !a.isEmpty { extra += " [\(a)\(p.role.map { ", " + $0 } ?? "")]" }
                Console.print("\(pad(p.id, 26)) \(pad(p.kind.rawValue, 12)) \(p.name)\(extra)\(aliases.isEmpty ? "" : ": " + aliases)")
            }
            Console.print("\(parties.count) of \(gazetteer.parties.count) parties")
        }
    }
}
