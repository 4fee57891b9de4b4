// Command root is the tree's own main package.
package main

// main runs the root command.
func main() { root() }

func root() {}
