/// A CSV file as a spreadsheet exports it (RFC 4180: commas, double quotes with `""` for a
/// quote, line breaks inside quotes), with the line each row starts on, so diagnostics can
/// say "row 4, column 'commercial-model'".
struct CSVTable: Sendable {
    struct Row: Sendable {
        /// 1-based line in the file where the row starts.
        var line: Int
        var cells: [String]
    }

    var rows: [Row]

    enum Problem: Error, Equatable {
        case unclosedQuote(line: Int, column: Int)
        case textAfterQuote(line: Int, column: Int)
    }

    /// Parses decoded text (BOM already removed, line endings already `\n`). Empty lines are skipped.
    static func parse(_ text: String) -> Result<CSVTable, Problem> {
        var rows: [Row] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var line = 1, column = 1
        var rowLine = 1
        var inQuotes = false, afterQuote = false
        var quoteStart = (1, 1)
        var rowHasContent = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endCell() {
            cells.append(String(cell))
            cell = .init()
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { cell.append("\""); column += 2; continue }
                    inQuotes = false
                    afterQuote = true
                    column += 1
                    pending = next
                    continue
                }
                cell.append(c)
                if c == "\n" { line += 1; column = 1 } else { column += 1 }
                continue
            }
            switch c {
            case ",":
                endCell()
                afterQuote = false
                rowHasContent = true
                column += 1
            case "\n":
                if rowHasContent || !cell.isEmpty || afterQuote || !cells.isEmpty {
                    endCell()
                    rows.append(Row(line: rowLine, cells: cells))
                }
                cells = []
                afterQuote = false
                rowHasContent = false
                line += 1
                column = 1
                rowLine = line
            case "\"" where cell.isEmpty && !afterQuote:
                inQuotes = true
                quoteStart = (line, column)
                rowHasContent = true
                column += 1
            default:
                if afterQuote {
                    if c == " " || c == "\t" { column += 1; continue }
                    return .failure(.textAfterQuote(line: line, column: column))
                }
                cell.append(c)
                rowHasContent = true
                column += 1
            }
        }
        if inQuotes { return .failure(.unclosedQuote(line: quoteStart.0, column: quoteStart.1)) }
        if rowHasContent || !cell.isEmpty || afterQuote || !cells.isEmpty {
            endCell()
            rows.append(Row(line: rowLine, cells: cells))
        }
        return .success(CSVTable(rows: rows))
    }
}
