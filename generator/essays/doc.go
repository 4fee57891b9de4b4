// Package essays holds no code: its tests build the shipped explainers
// written with the general directives ({compute}, {plot}) and check every
// number their prose states against a computation of the test's own, in
// plain Go, so that an essay cannot drift from its data.
package essays
