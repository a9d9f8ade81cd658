"""Developer tools, not part of a brief's path: the benchmark on synthetic corpora (`bench`,
`make bench`) and the terminal app's share of it (`tui_bench`), the extraction's score on the
hand-labelled dev set (`evaluate`, `make eval`) and the mypyc build of the extraction path
(`compile`, run as a script by the Makefile). They may import any stage, Textual included;
no stage imports them."""
