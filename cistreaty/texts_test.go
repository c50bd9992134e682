package cistreaty_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/pacta-law/pacta/cistreaty"
)

// A lawyer must be able to read every quoted provision of the CIS dataset
// in English: a quotation that is not in English names its language and
// carries a translation; and `says` quotes, it never paraphrases.
func TestQuotationsHaveTranslations(t *testing.T) {
	ds, err := cistreaty.Default()
	if err != nil {
		t.Fatal(err)
	}
	check := func(where, text, lang, en string) {
		t.Helper()
		if text == "" {
			return
		}
		cyrillic := strings.IndexFunc(text, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
		switch {
		case cyrillic && lang == "":
			t.Errorf("%s: a quotation in Cyrillic script without lang", where)
		case lang != "" && lang != "en" && en == "":
			t.Errorf("%s: a %s quotation without an English translation", where, lang)
		case strings.Contains(strings.ToLower(text), "paraphrase"):
			t.Errorf("%s: says holds a paraphrase, not the provision's words", where)
		}
	}
	for r := range ds.Rules() {
		check("rule "+r.ID, r.Says, r.Lang, r.SaysEN)
	}
	for tr := range ds.Treaties() {
		for name, c := range map[string]cistreaty.Clause{"entry_into_force": tr.Clauses.EntryIntoForce,
			"later_parties": tr.Clauses.LaterParties, "withdrawal": tr.Clauses.Withdrawal, "term": tr.Clauses.Term} {
			check(tr.ID+" "+name, c.Says, c.Lang, c.SaysEN)
		}
		for _, d := range tr.Displaces {
			check(tr.ID+" displaces "+d.Treaty, d.Clause.Says, d.Clause.Lang, d.Clause.SaysEN)
		}
		for _, o := range tr.Obligations {
			check(tr.ID+" Art. "+o.Article, o.Text, o.Lang, o.TextEN)
		}
	}
}
