/// Scratch arrays reused from one sentence to the next.
extension Array {
    /// Empties the array and keeps its buffer, for scratch arrays reused per sentence. Does
    /// nothing when the array is already empty (`removeAll(keepingCapacity:)` still goes through
    /// `replaceSubrange` then, which is measurable once per sentence).
    @inline(__always)
    mutating func removeAllKeepingCapacity() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
