/// The files a build writes and the folders they go into, to tell whether one more file fits.
struct OutputPlan {
    private(set) var files: Set<String>
    private var folders: Set<Substring>

    init(files: Set<String>) {
        self.files = files
        folders = OutputFile.folders(of: files)
    }

    /// Why `file` cannot be written beside the others, or nil if it can.
    func clash(_ file: String) -> String? {
        if files.contains(file) { return "would be written where the build already writes '\(file)'" }
        if folders.contains(Substring(file)) || file == SearchIndex.folder {
            return "would take the name of the folder '\(file)/', which the build writes into"
        }
        if let built = OutputFile.folders(of: file).first(where: { files.contains(String($0)) }) {
            return "would need '\(built)' to be a folder, where the build writes a file"
        }
        // The search index's files get their names only once it is built.
        if file.hasPrefix(SearchIndex.folder + "/") { return "would be written inside '\(SearchIndex.folder)/', which the search index owns" }
        return nil
    }

    mutating func add(_ file: String) {
        files.insert(file)
        OutputFile.insertFolders(of: file, into: &folders)
    }
}
