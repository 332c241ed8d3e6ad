import Testing
@testable import SwitchboardKit
