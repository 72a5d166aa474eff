// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Demarche",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Demarche", targets: ["Demarche"]),
        .library(name: "DemarcheML", targets: ["DemarcheML"]),
        .library(name: "DemarcheText", targets: ["DemarcheText"]),
        .executable(name: "demarche", targets: ["DemarcheCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System library over Debian's libblas-dev (cblas.h) and liblapack-dev (Fortran symbols).
        .systemLibrary(
            name: "CLinearAlgebra",
            path: "Sources/CLinearAlgebra",
            providers: [.apt(["libblas-dev", "liblapack-dev"])]
        ),
        // Domain-free numerics: sparse matrices, TF-IDF, softmax regression, L-BFGS, metrics.
        // No unsafe flags (another package must be able to depend on Demarche by version): the hot
        // loops get their speed from unsafe buffers and @inlinable code, not from -Ounchecked.
        .target(
            name: "DemarcheML",
            dependencies: ["CLinearAlgebra"]
        ),
        // The domain: text, parties, target marking, stance model, article scoring.
        // Text and parties: normalisation, sentences, tokens, gazetteer, mentions. No numerics.
        .target(name: "DemarcheText"),
        // The domain: target marking, stance features, the stance model file, article scoring.
        // Its resources are copies of Models/default.demarche, TrainingData/parties.tsv and
        // TrainingData/lexicon.tsv (Scripts/sync-resources.sh; CI checks they are equal), so that
        // dependents and installed binaries find them without the source tree (see Bundled.swift).
        .target(
            name: "Demarche",
            dependencies: ["DemarcheML", "DemarcheText"],
            resources: [
                .copy("Resources/default.demarche"),
                .copy("Resources/parties.tsv"),
                .copy("Resources/lexicon.tsv"),
            ]
        ),
        .executableTarget(
            name: "DemarcheCLI",
            dependencies: [
                "Demarche",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DemarcheMLTests",
            dependencies: ["DemarcheML"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DemarcheTextTests",
            dependencies: ["DemarcheText"]
        ),
        .testTarget(
            name: "DemarcheTests",
            dependencies: ["Demarche"]
        ),
        .testTarget(
            name: "DemarcheCLITests",
            dependencies: ["DemarcheCLI"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
