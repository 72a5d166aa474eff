import ArgumentParser
import DemarcheML
import Foundation

/// `demarche benchmark-kernels` (hidden): times the hand-written dot-product kernels against the
/// linked BLAS on this machine, as DESIGN.md asks before a kernel replaces a BLAS call.
struct BenchmarkKernels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark-kernels",
        abstract: "Time the dot-product kernels against the linked BLAS (same data, best of alternating rounds).",
        shouldDisplay: false)

    @Option(help: "Vector length (the 100k-row benchmark fit has 777,030 weights).")
    var length: Int = 777_030

    @Option(help: "Alternating rounds per case.")
    var repetitions: Int = 15

    @Option(help: "Also time one objective evaluation over this many synthetic rows, gradient gathered with and without row tiles (0: skip).")
    var gatherRows: Int = 0

    func run() throws {
        guard length >= 4 * 4096, repetitions >= 1 else {
            throw ValidationError("use --length of at least 16384 and --repetitions of at least 1")
        }
        print("case\tBLAS ms\tkernel ms\tspeed-up\tsame bits")
        for o in KernelBenchmark.run(length: length, repetitions: repetitions) {
            print(String(format: "%@\t%.3f\t%.3f\t%.2f\t%@", o.name, o.blasSeconds * 1000, o.kernelSeconds * 1000,
                         o.blasSeconds / o.kernelSeconds, o.sameBits ? "yes" : "NO"))
        }
        if gatherRows > 0 {
            let o = KernelBenchmark.gather(rows: gatherRows, columns: gatherRows)
            print(String(format: "%@\t%.3f\t%.3f\t%.2f\t%@", o.name, o.blasSeconds * 1000, o.kernelSeconds * 1000,
                         o.blasSeconds / o.kernelSeconds, o.sameBits ? "yes" : "NO"))
        }
    }
}
