#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reading a model file into memory whose pages are mapped in one system call.
///
/// A model is read whole and every byte is touched (checksum, arrays), so a buffer that the
/// kernel fills page by page on first touch costs a page fault per 4 KiB — a thousand for the
/// bundled model, a fifth of the page faults of `demarche score` on one short article. Here the
/// buffer is an anonymous mapping populated up front (`MAP_POPULATE`), then filled by `read`. The
/// file is copied, not mapped, so a file truncated or rewritten meanwhile gives a short read
/// (handled as unreadable here, then by Foundation), never a `SIGBUS`.
enum PrefaultedFile {
    /// The bytes of the regular file at `path`, or nil when anything is unusual (not a regular
    /// file, empty, changed size while read, any failing call): the caller then reads it the
    /// ordinary way, which gives the usual errors.
    static func read(_ path: String) -> Data? {
        #if os(Linux)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0,
              let size = Int(exactly: info.st_size) else { return nil }
        let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0)
        guard let base = mapped, base != MAP_FAILED else { return nil }
        var done = 0
        while done < size {
            let n = Glibc.read(fd, base + done, size - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        // One more byte would mean the file grew after `fstat`.
        var extra: UInt8 = 0
        guard done == size, Glibc.read(fd, &extra, 1) == 0 else {
            munmap(base, size)
            return nil
        }
        return Data(bytesNoCopy: base, count: size, deallocator: .custom { pointer, _ in munmap(pointer, size) })
        #else
        return nil
        #endif
    }

    /// Asks the kernel to map the whole pages inside `buffer` writable now, in one call, before a
    /// large copy into them (`MADV_POPULATE_WRITE`, Linux 5.14); a hint, ignored where unsupported.
    static func populate(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard let base = buffer.baseAddress, buffer.count >= 1 << 16 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + buffer.count) / page * page
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        let populateWrite: Int32 = 23  // MADV_POPULATE_WRITE
        _ = madvise(pointer, end - start, populateWrite)
        #endif
    }
}
