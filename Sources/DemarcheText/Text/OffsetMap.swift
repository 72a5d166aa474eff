/// A piecewise-linear map from normalised scalar offsets to original scalar offsets.
///
/// Normalisation is 1:1 on almost every scalar (a curly quote becomes one straight quote), so
/// the map stores only the points where the alignment shifts (a deleted zero-width space, an
/// ellipsis expanded to three dots, a base letter and combining accent composed into one
/// scalar). Between anchors, offsets advance together: `value(k) = anchor.value + (k - anchor.key)`.
/// With no anchor at all the map is the identity, which is the fast path for plain text.
struct OffsetMap: Sendable, Hashable {
    private(set) var keys: [Int] = []
    private(set) var values: [Int] = []

    /// True when the map sends every key to itself.
    var isIdentity: Bool { keys.isEmpty }

    /// Records that `key` maps to `value`, adding an anchor only if linear continuation from the
    /// previous anchor would give a different value. Keys must be marked in increasing order.
    mutating func mark(_ key: Int, _ value: Int) {
        if let last = keys.last {
            if values[values.count - 1] + (key - last) == value { return }
            if last == key { values[values.count - 1] = value; return }
        } else if key == value {
            return
        }
        keys.append(key)
        values.append(value)
    }

    /// The value for `key`.
    /// - Complexity: O(log a) for a anchors; O(1) for the identity.
    func value(_ key: Int) -> Int {
        if keys.isEmpty || key < keys[0] { return key }
        let lo = anchor(of: key)
        return values[lo] + (key - keys[lo])
    }

    /// The value for `key`, searching forward from anchor `hint` (updated): O(1) amortised for a
    /// sequence of increasing keys, O(log a) for a key behind the hint.
    @inline(__always)
    func value(_ key: Int, hint: inout Int) -> Int {
        if keys.isEmpty || key < keys[0] { return key }
        if hint >= keys.count || keys[hint] > key { hint = anchor(of: key) }
        while hint + 1 < keys.count && keys[hint + 1] <= key { hint += 1 }
        return values[hint] + (key - keys[hint])
    }

    /// The index of the last anchor at or before `key` (which is at least `keys[0]`).
    private func anchor(of key: Int) -> Int {
        var lo = 0, hi = keys.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if keys[mid] <= key { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
