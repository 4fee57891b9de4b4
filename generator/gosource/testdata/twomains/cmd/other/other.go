// Package other is not a command.
package other

// Only is declared once.
func Only() {}
