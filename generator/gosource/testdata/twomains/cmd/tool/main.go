// Command tool is a second main package in the same tree.
package main

// main runs the tool.
func main() { tool() }

func tool() {}
