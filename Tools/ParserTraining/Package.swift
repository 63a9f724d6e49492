// swift-tools-version:6.0
import PackageDescription

// Trains the tagger and the dependency parser of AttacheParse on a UD treebank and writes the model files
// that Sources/AttacheParse/Resources/model ships. A separate package that Attache never links, on the
// library's own feature extraction (the AttacheParse product, through a path dependency two folders up).
// Run through scripts/parse/train.sh.
let package = Package(
    name: "ParserTraining",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Attache", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "parser-training", dependencies: [
            .product(name: "AttacheParse", package: "Attache"),
        ]),
    ]
)
