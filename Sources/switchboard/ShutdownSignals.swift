import Dispatch
import Foundation

/// SIGINT (Ctrl-C) and SIGTERM as an async stream, so `serve` can stop its listener and
/// watchers and exit 0 instead of being killed mid-write. Keep the value alive while
/// listening; `stop()` ends the stream.
struct ShutdownSignals {
    let received: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation
    private let sources: [any DispatchSourceSignal]

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        received = stream
        self.continuation = continuation
        sources = [SIGINT, SIGTERM].map { number in
            // The default action would end the process at once; a dispatch source sees the
            // signal instead (a signal handler proper could do almost nothing safely).
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // A second Ctrl-C, should stopping hang, ends the process the usual way.
                signal(number, SIG_DFL)
                continuation.yield(number)
            }
            source.resume()
            return source
        }
    }

    func stop() {
        for source in sources { source.cancel() }
        continuation.finish()
    }
}
