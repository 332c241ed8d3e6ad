import Testing
import SwitchboardKit
@testable import SwitchboardServer

struct LiveEventTests {
    @Test func eventsAreOneLineOfJSON() {
        let d = Diagnostic.error(.badEnumValue, "'speedy' is not an allowed value of 'direction'",
                                 at: SwitchboardKit.SourceLocation(file: "content/kpis/aht.md", line: 4, column: 12),
                                 hint: "allowed: higher-is-better,\nlower-is-better")
        let event = LiveEvent.errors(build: "s-3", diagnostics: [d]).serverSentEvent
        #expect(event.hasPrefix("event: errors\ndata: {"))
        #expect(event.hasSuffix("}\n\n"))
        #expect(event.split(separator: "\n").count == 2)
        #expect(event.contains("\"location\":\"content/kpis/aht.md:4:12\""))
        #expect(event.contains("\"code\":\"SB104 bad-enum-value\""))
        #expect(LiveEvent.reload(build: "s-4", paths: ["/kpis/aht/"]).serverSentEvent
                == "event: reload\ndata: {\"build\":\"s-4\",\"paths\":[\"/kpis/aht/\"]}\n\n")
        #expect(LiveEvent.ok(build: "s-4").serverSentEvent == "event: ok\ndata: {\"build\":\"s-4\"}\n\n")
        #expect(LiveEvent.keepAlive.serverSentEvent == ": keep-alive\n\n")
    }

    @Test func liveSiteTellsListenersWhatChanged() async {
        let live = LiveSite(session: "t")
        let (id, events) = await live.listen()
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .ok(build: ""))

        await live.publish(SiteSnapshot(files: ["index.html": [1], "a/index.html": [2]]))
        #expect(await iterator.next() == .reload(build: "t-1", paths: ["/a/", "/"]))
        #expect(await iterator.next() == .ok(build: "t-1"))

        // The same files again: no new build id, no event.
        let unchanged = await live.publish(SiteSnapshot(files: ["index.html": [1], "a/index.html": [2]]))
        #expect(unchanged.isEmpty)

        let failure = [Diagnostic.error(.wrongType, "bad", at: nil)]
        await live.fail(failure)
        #expect(await iterator.next() == .errors(build: "t-1", diagnostics: failure))
        #expect(await live.state.snapshot["a/index.html"] == [2])

        // Fixed without changing the output: the overlay still has to go.
        await live.publish(SiteSnapshot(files: ["index.html": [1], "a/index.html": [2]]))
        #expect(await iterator.next() == .ok(build: "t-1"))

        await live.publish(SiteSnapshot(files: ["index.html": [9]]))
        #expect(await iterator.next() == .reload(build: "t-2", paths: ["/a/", "/"]))
        await live.stopListening(id)
        #expect(await live.listenerCount == 0)
    }
}
