// Package suggest finds the word an author probably meant, for "did you
// mean …?" hints in error messages.
package suggest

// Closest returns the candidate nearest to word by edit distance when it is
// near enough to be a plausible typo (at most two edits, one for words of up
// to three letters), or "" when none is. Ties go to the earlier candidate.
func Closest(word string, candidates []string) string {
	best, bestDist := "", 3
	if len([]rune(word)) <= 3 {
		bestDist = 2
	}
	for _, c := range candidates {
		if d := Distance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b: the fewest insertions,
// deletions and substitutions of runes that turn one into the other.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
