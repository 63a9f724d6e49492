import Foundation

extension DependencyParser {
    /// The file names of the tagger and the parser in a model directory.
    public static let taggerFile = "tagger.model"
    public static let parserFile = "parser.model"

    /// The model trained on UD English EWT and shipped with the module (see Resources/model/README.md).
    public static var shippedDirectory: URL? {
        Bundle.module.url(forResource: "model", withExtension: nil)
    }

    /// Loads the shipped model; nil only when the bundle lacks the model directory.
    public static func loadShipped() throws -> DependencyParser? {
        guard let directory = shippedDirectory else { return nil }
        return try load(directory: directory)
    }

    /// Loads `tagger.model` and `parser.model` from `directory`. Strict: a malformed file, or a parser whose
    /// classes do not match its relations, is a `ParseModelError` naming the file.
    public static func load(directory: URL) throws -> DependencyParser {
        func read(_ name: String) throws -> (names: [String], model: PerceptronModel) {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ParseModelError(file: url.path, place: .file, message: "cannot read the file")
            }
            return try ModelFile.decode([UInt8](data), file: url.path)
        }
        let tagger = try read(taggerFile)
        guard tagger.names.count == tagger.model.classCount else {
            throw ParseModelError(file: taggerFile, place: .file,
                                  message: "\(tagger.names.count) tags for \(tagger.model.classCount) classes")
        }
        let parser = try read(parserFile)
        guard !parser.names.isEmpty, Transition.classCount(labelCount: parser.names.count) == parser.model.classCount else {
            throw ParseModelError(file: parserFile, place: .file,
                                  message: "\(parser.names.count) relations for \(parser.model.classCount) classes")
        }
        return DependencyParser(tagger: Tagger(tags: tagger.names, model: tagger.model),
                                relations: parser.names, model: parser.model)
    }

    /// Writes the two model files into `directory`.
    public func write(to directory: URL) throws {
        try Data(ModelFile.encode(names: tagger.tags, model: tagger.model))
            .write(to: directory.appendingPathComponent(DependencyParser.taggerFile))
        try Data(ModelFile.encode(names: relations, model: model))
            .write(to: directory.appendingPathComponent(DependencyParser.parserFile))
    }
}
