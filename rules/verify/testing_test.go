package verify

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestRunTFailure runs RunT over failing cases in a child test process and
// checks what a failed case prints: where it is written, what it wanted and
// got, and the difference (-want +got).
func TestRunTFailure(t *testing.T) {
	if os.Getenv("VERIFY_RUNT_CHILD") == "1" {
		f, err := loadTestdata(t, "failing.yaml")
		if err != nil {
			t.Fatal(err)
		}
		rs := RunT(t, f)
		if len(rs) != 9 {
			t.Errorf("RunT returned %d results, want 9", len(rs))
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunTFailure$", "-test.v")
	cmd.Env = append(os.Environ(), "VERIFY_RUNT_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the child passed; want it to fail:\n%s", out)
	}
	for _, want := range []string{
		"--- PASS: TestRunTFailure/failing.yaml/passes",
		"--- FAIL: TestRunTFailure/failing.yaml/wrong_answer",
		"failing.yaml:10:5: wrong answer\n",
		"want true\n",
		"got  false\n",
		"-want +got:\n",
		"- answer: true\n",
		"+ answer: false\n",
		"--- FAIL: TestRunTFailure/failing.yaml/a_rule_not_cited",
		"- rule: cis-charter-1993/practice-later-deposit\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the child's output lacks %q:\n%s", want, out)
		}
	}
}
