/// The strings of one token that does not fit inline: a surface longer than 16 UTF-8 bytes, or a
/// surface given an explicit text by ``Token/init(text:surface:span:kind:)``.
///
/// Owned by the tokens that carry it (a reference in ``Token``), not by a process-wide table:
/// it lives exactly as long as some copy of its token does, so memory follows the text being
/// worked on (an article, a batch of rows) and a long-running process over a stream of articles
/// stays flat, however many distinct long words it sees. A token copied anywhere (out of its
/// sentence, to another thread, into a long-lived array) keeps its storage alive and so always
/// gives its own surface.
///
/// Immutable once made, so it is `Sendable` as checked by the compiler: tokens can be built on
/// one thread and read on any other without a lock. Long tokens are a few percent of news tokens;
/// each costs one object here (and the `String` storage of its surface and, when it differs, its
/// text).
final class TokenStorage: Sendable {
    /// The normalised surface, in its original case.
    let surface: String
    /// The feature text: the explicit text if one was given, else the lower-cased surface (the
    /// same string as `surface` when that has no upper-case letter).
    let text: String

    /// Stores `bytes` (valid UTF-8) as the surface.
    /// - Parameters:
    ///   - explicitText: the token's text when it is not the lower-cased surface.
    ///   - needsLowercasing: whether the surface has an upper-case or non-ASCII letter (the
    ///     token's flags), so that its text differs from it.
    init(surface bytes: UnsafeBufferPointer<UInt8>, explicitText: String?, needsLowercasing: Bool) {
        let surface = String(decoding: bytes, as: UTF8.self)
        self.surface = surface
        text = explicitText ?? (needsLowercasing ? surface.lowercased() : surface)
    }
}
