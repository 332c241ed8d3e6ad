import Testing
@testable import SwitchboardKit

@Suite("CSV parsing (RFC 4180)")
struct CSVTableTests {
    static func rows(_ text: String) throws -> [[String]] {
        try CSVTable.parse(text).get().rows.map(\.cells)
    }

    static func lines(_ text: String) throws -> [Int] {
        try CSVTable.parse(text).get().rows.map(\.line)
    }

    @Test func plainCells() throws {
        #expect(try Self.rows("id,name,score\na,Alpha,3\nb,Beta,4\n") == [["id", "name", "score"], ["a", "Alpha", "3"], ["b", "Beta", "4"]])
        #expect(try Self.lines("id,name,score\na,Alpha,3\nb,Beta,4\n") == [1, 2, 3])
    }

    @Test func lastRowWithoutNewline() throws {
        #expect(try Self.rows("a,b\n1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func emptyCellsAreKept() throws {
        #expect(try Self.rows("a,b,c\n,,\n1,,3\n") == [["a", "b", "c"], ["", "", ""], ["1", "", "3"]])
    }

    @Test func quotedCellsHoldCommasQuotesAndLineBreaks() throws {
        let text = "id,note\nx,\"Hello, world\"\ny,\"She said \"\"hi\"\"\"\nz,\"two\nlines\"\nw,after\n"
        #expect(try Self.rows(text) == [["id", "note"], ["x", "Hello, world"], ["y", "She said \"hi\""], ["z", "two\nlines"], ["w", "after"]])
        // A row's line is where it starts; the row after a multi-line cell starts two lines later.
        #expect(try Self.lines(text) == [1, 2, 3, 4, 6])
    }

    @Test func emptyQuotedCellAndSpacesAfterAClosingQuote() throws {
        #expect(try Self.rows("a,b\n\"\",\"x\"  \n") == [["a", "b"], ["", "x"]])
    }

    @Test func blankLinesAreSkippedButCountedForLineNumbers() throws {
        let text = "a,b\n\n1,2\n\n\n3,4\n"
        #expect(try Self.rows(text) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(try Self.lines(text) == [1, 3, 6])
    }

    @Test func quotesInsideAnUnquotedCellAreText() throws {
        #expect(try Self.rows("a,b\n5\" screen,x\n") == [["a", "b"], ["5\" screen", "x"]])
    }

    @Test func unicodeIsKept() throws {
        #expect(try Self.rows("name\nCafé ☕️ — Ünïcode\n") == [["name"], ["Café ☕️ — Ünïcode"]])
    }

    @Test func unclosedQuoteIsReportedWhereTheQuoteOpens() {
        #expect(throws: CSVTable.Problem.unclosedQuote(line: 2, column: 3)) { try CSVTable.parse("a,b\nx,\"never closed\ny,z\n").get() }
    }

    @Test func textAfterAClosingQuoteIsReportedAtTheText() {
        #expect(throws: CSVTable.Problem.textAfterQuote(line: 3, column: 7)) { try CSVTable.parse("a,b\n1,2\nx,\"ab\"c\n").get() }
    }

    @Test func emptyInputHasNoRows() throws {
        #expect(try Self.rows("") == [])
        #expect(try Self.rows("\n\n") == [])
    }
}
