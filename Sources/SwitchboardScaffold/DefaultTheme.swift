import Foundation

/// The default theme: the repository's templates/ folder, embedded into the binary at build
/// time by the EmbedTheme plugin (see Plugins/EmbedTheme), so it exists in one place only.
public enum DefaultTheme {
    /// Every file of the theme by path relative to templates/ (`partials/head.mustache`),
    /// sorted by path.
    public static var files: [(path: String, bytes: [UInt8])] {
        encodedFiles.map { ($0.path, Data(base64Encoded: $0.base64).map { [UInt8]($0) } ?? []) }
    }
}
