package devserver

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoadOnLoopback has 200 clients fetch the site at once, a bounded
// number of requests each, while the site is rebuilt under them: every
// request must succeed, with the old site or the new one in full.
func TestLoadOnLoopback(t *testing.T) {
	const clients, perClient = 200, 5
	cfg, file := tinySite(t, page("Load version one."))
	r := startServer(t, cfg)
	es := openEvents(t, r)
	es.expect(t, "hello")

	snap := r.srv.state.Load().site
	paths := make([]string, 0, len(snap.files)+2)
	for name := range snap.files {
		paths = append(paths, strings.TrimSuffix(name, "index.html"))
	}
	sort.Strings(paths)
	paths = append(paths, "no/such/page", "page")

	transport := &http.Transport{MaxIdleConnsPerHost: clients}
	defer transport.CloseIdleConnections()
	client := &http.Client{
		Transport:     transport,
		Timeout:       waitLimit,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	errs := make(chan error, clients*perClient)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := range perClient {
				p := paths[(c*perClient+i)%len(paths)]
				if err := fetchChecked(client, r.base+p, p); err != nil {
					errs <- err
				}
			}
		}()
	}
	began := time.Now()
	close(start)
	writeFile(t, file, page("Load version two."))
	wg.Wait()
	close(errs)
	t.Logf("%d requests from %d clients in %s", clients*perClient, clients, time.Since(began).Round(time.Millisecond))
	n := 0
	for err := range errs {
		if n++; n <= 10 {
			t.Error(err)
		}
	}
	if n > 10 {
		t.Errorf("and %d more failures", n-10)
	}
	es.expect(t, "reload") // the rebuild happened, under load
}

// fetchChecked GETs one path and checks the answer is whole and as expected.
func fetchChecked(client *http.Client, url, p string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("GET %s: reading: %v", p, err)
	}
	want := http.StatusOK
	switch p {
	case "no/such/page":
		want = http.StatusNotFound
	case "page":
		want = http.StatusMovedPermanently
	}
	if resp.StatusCode != want {
		return fmt.Errorf("GET %s: status %d, want %d", p, resp.StatusCode, want)
	}
	if resp.ContentLength >= 0 && int64(len(b)) != resp.ContentLength {
		return fmt.Errorf("GET %s: %d bytes, Content-Length %d", p, len(b), resp.ContentLength)
	}
	if strings.HasSuffix(p, "/") || p == "" || p == "no/such/page" {
		if !strings.Contains(string(b), snippetStart) {
			return fmt.Errorf("GET %s: no reload script in the page", p)
		}
	}
	return nil
}
