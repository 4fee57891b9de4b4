package devserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// keepAlive is how often an idle event stream sends a comment, so that a
// client that went away is noticed.
const keepAlive = 15 * time.Second

// message is the data of every event the stream sends.
type message struct {
	// Site names the good build being served; a page from another build
	// reloads.
	Site string `json:"site"`
	// Problems are the latest build's problems, each file:line: message;
	// empty when it succeeded.
	Problems []string `json:"problems"`
}

// serveEvents streams the build outcomes to one page as server-sent events:
//
//	hello   on connecting: the current state
//	reload  a new good build is being served
//	errors  a build failed; the last good one is still served
//
// Each carries a message as JSON. The stream ends when the client goes or
// the server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}

	ch := s.subscribe()
	defer s.unsubscribe(ch)
	st := s.state.Load()
	// retry: how soon the browser reconnects after the server restarts.
	if _, err := fmt.Fprint(w, "retry: 500\n\n"); err != nil {
		return
	}
	if send(w, rc, "hello", st) != nil {
		return
	}
	ping := time.NewTicker(keepAlive)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case <-ch:
			next := s.state.Load()
			if next.seq == st.seq {
				continue
			}
			st = next
			event := "reload"
			if st.problems != nil {
				event = "errors"
			}
			if send(w, rc, event, st) != nil {
				return
			}
		}
	}
}

// send writes one event and flushes it.
func send(w http.ResponseWriter, rc *http.ResponseController, event string, st *state) error {
	m := message{Problems: st.problems}
	if m.Problems == nil {
		m.Problems = []string{}
	}
	if st.site != nil {
		m.Site = st.site.id
	}
	data, err := json.Marshal(m) // one line: JSON escapes newlines
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data); err != nil {
		return err
	}
	return rc.Flush()
}
