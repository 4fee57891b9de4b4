package devserver

import _ "embed"

// clientScript reloads the open pages and shows a failed build's problems;
// the server adds it to every HTML page it serves, never to the build.
//
//go:embed client.js
var clientScript []byte
