package shapes

// OnlyInTests is declared in a test file, which gosource ignores.
func OnlyInTests() {}
