// Command cis answers questions of treaty law about the Commonwealth of
// Independent States from pacta's embedded dataset: is a state bound by a
// treaty on a date, when a treaty entered into force, when a withdrawal takes
// effect, whether the Vienna Convention applies to a treaty, a state's
// status in the CIS, and whether a state owes another an article's
// obligation — and why, with the articles, their texts, the facts and their
// sources.
//
// Usage:
//
//	cis <question> [flags]
//
// The questions and their flags:
//
//	bound       -treaty T -party P -on D [-towards Q]      true / false / null
//	eif         -treaty T [-party P]                        date / null, with the periods in force
//	withdrawal  -treaty T -party P -notice D [-effective D2]
//	                                                        the date the withdrawal takes effect / null
//	vclt        -treaty T -party P -towards Q               true / false / null (VCLT Art. 4)
//	status      -party P -on D [-org cis]                   a status, with whether P is a founding state
//	obliged     -treaty T -article A -party P -towards Q -on D
//	                                                        true / false / null
//	treaties                                                the treaties of the dataset
//	parties                                                 the parties of the dataset
//	test        FILE...                                     run case files
//	timeline    -party P [-o FILE]                          an SVG timeline of every treaty for P
//	version                                                 pacta's version and the dataset's
//
// Every question takes -json, which prints exactly one JSON object (the
// answer object of testdata/schema/answer.schema.json), and the questions
// that explain an answer take -assume PARTY:EVENT:DATE[:TREATY], repeatable,
// to ask what if: the event is added to the record, graded U and marked as
// assumed in the answer. TREATY defaults to -treaty. Dates are YYYY-MM-DD,
// strictly (2024-02-30 and a time of day are errors); -on defaults to
// today's date in UTC. State codes are accepted in either case (ru, RU);
// organisation IDs (cis, sco) and treaty IDs are case-sensitive. -data DIR
// answers from a dataset of one's own, the *.yaml files of DIR in the format
// of package cistreaty, instead of the embedded one.
//
// Examples:
//
//	cis bound -treaty cis-charter-1993 -party RU -on 1994-01-22
//	cis status -party MD -on 2027-12-01 -assume MD:withdrawal-notice:2026-12-01:cis-charter-1993
//	cis withdrawal -treaty cis-charter-1993 -party MD -notice 2026-04-15 -json
//	cis bound -data ./mydata -treaty pact-2020 -party AA -on 2020-05-01
//
// Without -json the answer is text for a lawyer: the answer on the first line
// ("true — RU is bound by cis-charter-1993 on 1994-01-22", or
// "null (not settled by the record: unknown) — …" when the record does not
// settle it), then the rules that decided it (the article, its text, what it
// gave, and each fact with its source and grade), what would settle an open
// answer, notes, and the dataset's version and record date.
//
// Exit status: 0 for any answer (true, false or null — null is an answer,
// not an error); 1 when test had failures; 2 for bad input (an unknown
// question or flag, a missing flag, an unknown ID — the message names the
// closest known IDs —, an impossible date, a malformed -assume, an
// unreadable file); 3 when a rule failed at run time. On status 2 or 3
// nothing is written to stdout and exactly one line, "cis: <message>", to
// stderr.
package main
