import Foundation

/// Everything that can go wrong in DemarcheML, with a message that says what to do.
///
/// One enum for the whole target (sparse matrices, TF-IDF, softmax regression, cross-validation).
/// `errorDescription` is the full user-facing sentence; tests pin its exact text.
public enum LearningError: Error, LocalizedError, Equatable, Sendable {
    /// A configuration parameter broke its rule: the parameter's name, the rule (`"> 0"`), the
    /// offending value as text, and a suggested fix.
    case invalidConfiguration(parameter: String, rule: String, value: String, fix: String)
    /// A matrix, vocabulary or model handed to an initializer is internally inconsistent.
    case invalidInput(what: String, problem: String)
    /// Fitting was given no documents or no rows.
    case emptyInput(what: String)
    /// No term survived the document-frequency limits.
    case emptyVocabulary(documentCount: Int, minDocumentFrequency: Int, maxDocumentFrequency: Double)
    /// The number of labels differs from the number of rows.
    case labelCountMismatch(labels: Int, rows: Int)
    /// A label is outside `0..<classCount`.
    case labelOutOfRange(label: Int, row: Int, classCount: Int)
    /// A class has fewer members than stratified cross-validation has folds (e.g. a label seen once).
    case tooFewClassMembers(label: Int, count: Int, folds: Int)
    /// A matrix has a different number of columns from the model's features.
    case widthMismatch(expected: Int, actual: Int)
    /// The objective or its gradient became NaN or infinite.
    case nonFiniteObjective(iteration: Int)

    /// The message shown to users.
    public var errorDescription: String? {
        switch self {
        case let .invalidConfiguration(parameter, rule, value, fix):
            return "\(parameter) must be \(rule), got \(value); \(fix)"
        case let .invalidInput(what, problem):
            return "Invalid \(what): \(problem)"
        case let .emptyInput(what):
            return "No \(what) to fit on; pass at least one"
        case let .emptyVocabulary(documents, minDF, maxDF):
            return "Empty vocabulary: no term of the \(documents) documents occurs in at least "
                + "\(minDF) documents (minDocumentFrequency) and at most \(maxDF) of them (maxDocumentFrequency). "
                + "Try a smaller minDocumentFrequency or a larger maxDocumentFrequency"
        case let .labelCountMismatch(labels, rows):
            return "Got \(labels) labels for \(rows) rows; pass exactly one label per row"
        case let .labelOutOfRange(label, row, classCount):
            return "Label \(label) at row \(row) is out of range 0..<\(classCount); "
                + "labels must be class indices below classCount"
        case let .tooFewClassMembers(label, count, folds):
            let seen = count == 1 ? "is seen once" : "has only \(count) members"
            return "Class \(label) \(seen), but stratified \(folds)-fold cross-validation needs at least "
                + "\(folds) members per class; add examples of class \(label) or use fewer folds"
        case let .widthMismatch(expected, actual):
            return "Feature width mismatch: the model has \(expected) features but the matrix has \(actual) columns; "
                + "build the features with the vectorizer the model was trained with"
        case let .nonFiniteObjective(iteration):
            return "The objective or its gradient became NaN or infinite at iteration \(iteration); "
                + "check the features for NaN or infinite values, or use a smaller C"
        }
    }
}

extension LearningError {
    /// Builds `invalidConfiguration` with the value printed as Swift prints it.
    static func invalid<Value>(_ parameter: String, _ rule: String, _ value: Value, _ fix: String) -> LearningError {
        .invalidConfiguration(parameter: parameter, rule: rule, value: "\(value)", fix: fix)
    }
}
