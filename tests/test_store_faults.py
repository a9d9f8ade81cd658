"""The store and the briefs under faults, done for real: parallel processes, SIGKILL at random
points, a file-size limit, read-only folders, and a corpus changing while it is read.

Every case runs the real command line in subprocesses on real SQLite files, then checks the
store against a clean index of the same corpus made in another cache dir.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from conftest import SEEDS

from briefing.dev.bench import synthesize
from briefing.store import Store, open_store

DAY = "2026-11-22"
#: Generated articles: enough that a sync takes long enough to be hit mid-way (and uses the
#: process pool, which starts at 300 files).
GENERATED = 320
#: Where a test needs many files, not long ones (the pool, the lock, a sync to kill or to
#: change files under), each article is cut to its date line and its next blocks: as many
#: files for the store to plan, read, write and lock, a third of the text to extract.
SHORT = 6


# --------------------------------------------------------------------------- helpers


def briefing(*args: str, cache: Path, **kw) -> subprocess.Popen:
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    env.pop("BRIEFING_DEBUG", None)  # errors as the user sees them, not tracebacks
    return subprocess.Popen([sys.executable, "-m", "briefing", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def run(*args: str, cache: Path, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    proc = briefing(*args, cache=cache, **kw)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def assert_clean(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr and "locked" not in result.stderr, result.stderr


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def store_file(cache: Path) -> Path:
    (path,) = cache.glob("*.sqlite3")
    return path


def contents(cache: Path) -> dict[str, list]:
    """Everything a brief can read from a store, after checking the store is whole."""
    # closing(): a connection left open would keep the WAL files for the next process.
    with closing(sqlite3.connect(store_file(cache))) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.execute("INSERT INTO statements_fts(statements_fts) VALUES('integrity-check')")
        orphans = {
            # Files' id ranges do not overlap: together they cover every statement.
            "statement without file": "SELECT (SELECT COUNT(*) FROM statements) - (SELECT"
            " COALESCE(SUM((SELECT COUNT(*) FROM statements s WHERE s.id BETWEEN"
            " f.first_statement AND f.last_statement)), 0) FROM files f)",
            "statement without source": "SELECT COUNT(*) FROM statements s"
            " WHERE s.source NOT IN (SELECT id FROM sources)",
            "source without text": "SELECT COUNT(*) FROM sources s"
            " WHERE s.body NOT IN (SELECT id FROM bodies)",
            "text without source": "SELECT COUNT(*) FROM bodies b"
            " WHERE b.id NOT IN (SELECT body FROM sources)",
            "statement without fact": "SELECT COUNT(*) FROM statements s"
            " WHERE s.fact NOT IN (SELECT id FROM facts)",
            "fact without statement": "SELECT COUNT(*) FROM facts f"
            " WHERE f.id NOT IN (SELECT fact FROM statements)",
        }
        for what, sql in orphans.items():
            assert db.execute(sql).fetchone() == (0,), what
        tables = {
            "files": "SELECT path, size, sha256, error FROM files",
            "sources": "SELECT key, path, title, publisher, date, sha256 FROM sources",
            "statements": 'SELECT s.fact, s.text, src.path, s.start, s."end", s.countries,'
                          " s.themes, s.figures FROM statements s"
                          " JOIN sources src ON src.id = s.source",
            "facts": "SELECT id, sources, publishers, newest, countries, themes FROM facts",
        }
        return {name: sorted(db.execute(sql).fetchall()) for name, sql in tables.items()}


def clean_index(corpus: Path, cache: Path) -> dict[str, list]:
    """The store a fresh index of the corpus gives, in its own cache dir: the sync every
    command runs first (`open_store`), made in this process, which has the extractor loaded
    already (a new process would spend most of a second on start-up and warm-up)."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("BRIEFING_CACHE_DIR", str(cache))
        store, report = open_store(corpus)
        store.close()
    assert not report.skipped and not report.warnings, report
    return contents(cache)


def same_store(got: dict[str, list], want: dict[str, list]) -> None:
    for table in want:
        assert got[table] == want[table], table


def generated_corpus(dest: Path, count: int = GENERATED, blocks: int | None = None) -> Path:
    """`count` synthetic articles (the bench's), each cut to its first `blocks` blocks if
    given."""
    synthesize(dest, count, seed=11)
    if blocks is not None:
        for path in dest.iterdir():
            text = path.read_text(encoding="utf-8")
            path.write_text("\n\n".join(text.split("\n\n")[:blocks]) + "\n", encoding="utf-8")
    return dest


def seeds_corpus(dest: Path) -> Path:
    shutil.copytree(SEEDS, dest)
    return dest


def limit_file_size(limit: int):
    """preexec_fn: the child may not write any file past `limit` bytes (`ulimit -f`)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def unprivileged() -> list[str]:
    """A command prefix under which file permissions hold: root ignores them, so drop the
    capabilities that let it (util-linux setpriv)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


def briefing_unprivileged(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    env.pop("BRIEFING_DEBUG", None)
    return subprocess.run([*unprivileged(), sys.executable, "-m", "briefing", *args], env=env,
                          capture_output=True, text=True, timeout=60)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- two processes


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> dict[str, list]:
    """A clean index of the seed corpus, made once: what a store of the seeds must hold
    (its rows name files relative to the corpus, so any copy of the seeds compares)."""
    root = tmp_path_factory.mktemp("seeds-clean")
    return clean_index(seeds_corpus(root / "corpus"), root / "cache")


@pytest.mark.parametrize("round_", range(3))
def test_two_makes_on_a_cold_store_both_succeed(tmp_path, round_, seeds_store):
    corpus = seeds_corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    procs = [briefing("make", "-c", "KR", "-f", "md", "--date", DAY, "--corpus", str(corpus),
                      "-o", str(tmp_path / f"out{n}"), cache=cache) for n in (1, 2)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0 and err == "", err
    briefs = [(tmp_path / f"out{n}" / f"brief-kr-{DAY}.md").read_bytes() for n in (1, 2)]
    assert briefs[0] == briefs[1]
    same_store(contents(cache), seeds_store)


def test_two_indexes_of_a_large_cold_corpus_run_one_after_the_other(tmp_path):
    corpus = generated_corpus(tmp_path / "corpus", blocks=SHORT)
    cache = tmp_path / "cache"
    procs = [briefing("index", "--corpus", str(corpus), cache=cache) for _ in range(2)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0 and err == "", err
        outs.append(out)
    # One read every file; the other waited for it and found nothing left to do.
    assert sorted(f"{GENERATED} added" in o for o in outs) == [False, True], outs
    assert any(f"{GENERATED} unchanged" in o for o in outs), outs
    same_store(contents(cache), clean_index(corpus, tmp_path / "clean"))


READER = """
import json, sys, time
from pathlib import Path
from briefing.store import Store

corpus, stop = Path(sys.argv[1]), Path(sys.argv[2])
seen, rounds = set(), 0
with Store.for_corpus(corpus) as store:
    store.sync()  # as the app does when it opens: races the writer on a cold store
    while not stop.exists() or rounds < 3:
        facts = store.facts()
        ids = frozenset(f.id for f in facts)
        assert facts and all(f.citations for f in facts), "a fact without citations"
        assert len(ids) == len(facts), "a fact listed twice"
        seen.add(ids)
        store.country_counts(), store.sources(), store.facts(["KR"], query="AI")
        rounds += 1
        time.sleep(0.01)
print(json.dumps({"rounds": rounds, "views": len(seen)}))
"""


def test_a_reader_open_while_make_and_rebuilds_run(tmp_path):
    """The app's reading pattern in its own process, while other processes index, rebuild
    and make briefs: nobody sees "database is locked", and every read sees one whole store
    (a rebuild is seen entirely or not at all, never empty or half-written)."""
    corpus = generated_corpus(tmp_path / "corpus", 120, blocks=SHORT)
    cache, stop = tmp_path / "cache", tmp_path / "stop"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    reader = subprocess.Popen([sys.executable, "-c", READER, str(corpus), str(stop)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        made = run("make", "-f", "md", "--date", DAY, "--corpus", str(corpus),
                   "-o", str(tmp_path / "out"), cache=cache)
        assert_clean(made)
        for _ in range(2):
            assert_clean(run("index", "--rebuild", "--corpus", str(corpus), cache=cache))
    finally:
        stop.touch()
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    report = json.loads(out)
    assert report["rounds"] >= 3 and report["views"] == 1, report  # the same facts each time
    same_store(contents(cache), clean_index(corpus, tmp_path / "clean"))


# --------------------------------------------------------------------------- SIGKILL


def _set_state(corpus: Path, state: int) -> None:
    """Two versions of the corpus, each a full re-read from the other (so a sync lasts long
    enough to be killed mid-way): every article changes, and 10 files go while 10 come."""
    for n in range(GENERATED):
        path = corpus / f"{n:05d}.txt"
        text = path.read_text(encoding="utf-8").split("\n#state", 1)[0]
        if state:
            text += f"\n#state\n\nThe ministry added {n + 7} new data centres in {2020 + n % 5}.\n"
        path.write_text(text, encoding="utf-8")
    for n in range(10):
        extra, gone = corpus / f"extra-{n}.txt", corpus / f"gone-{n}.txt"
        if state:
            extra.write_text(f"Jan 1, 2025\n\nKenya will train {n * 100} teachers in AI.\n",
                             encoding="utf-8")
            gone.unlink(missing_ok=True)
        else:
            extra.unlink(missing_ok=True)
            gone.write_text(f"Jan 2, 2025\n\nChile funds {n} AI research labs this year.\n",
                            encoding="utf-8")


#: How many times a step of the kill plan is tried before the test gives up on killing it.
KILL_ATTEMPTS = 4


def test_sync_killed_at_random_points_recovers_the_same_facts(tmp_path):
    """SIGKILL mid-sync, in a cold index and in incremental ones, towards each version of
    the corpus: the next command neither fails nor waits on the dead process's lock, and
    ends with the store a clean index of the corpus makes."""
    corpus = generated_corpus(tmp_path / "corpus", blocks=SHORT)
    want, took = {}, 0.0
    for state in (0, 1):
        _set_state(corpus, state)
        started = time.monotonic()
        assert_clean(run("index", "--corpus", str(corpus), cache=tmp_path / f"clean{state}"))
        took = max(took, time.monotonic() - started)
        want[state] = contents(tmp_path / f"clean{state}")
    # Start-up, the walk and the plan, before the first file is read: a sync with nothing
    # to do. Kills are timed past it, so each lands in the reading or the writing.
    started = time.monotonic()
    assert_clean(run("index", "--corpus", str(corpus), cache=tmp_path / "clean1"))
    idle = time.monotonic() - started
    cache = tmp_path / "cache"
    rng = random.Random(20261122)
    kills = 0
    # A cold index killed towards each version, and an incremental one each way (every
    # article changes between the versions, so each sync re-reads every file).
    plan = [(0, "cold"), (1, "incremental"), (0, "incremental"), (1, "cold")]
    for state, kind in plan:
        # On a loaded machine a sync may end before the kill: it is tried again, killed
        # sooner, so that every step of the plan really dies mid-way.
        for attempt in range(KILL_ATTEMPTS):
            _set_state(corpus, state)
            if kind == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            proc = briefing("index", "--corpus", str(corpus), cache=cache)
            sooner = 0.5 ** attempt
            time.sleep((idle + max(took - idle, 0.0) * rng.uniform(0.1, 0.9)) * sooner)
            killed = proc.poll() is None
            if killed:
                proc.send_signal(signal.SIGKILL)  # the process only, as `kill -9` does
            proc.communicate(timeout=30)
            # The next command: no error, no wait on a lock the dead process held.
            assert_clean(run("index", "--corpus", str(corpus), cache=cache, timeout=60))
            same_store(contents(cache), want[state])
            if killed:
                kills += 1
                break
            _set_state(corpus, 1 - state)  # so that the next attempt has work to do again
            assert_clean(run("index", "--corpus", str(corpus), cache=cache, timeout=60))
    print(f"{kills} of {len(plan)} syncs killed mid-way, each recovered")
    assert kills == len(plan), kills  # every step of the plan really died mid-way


# --------------------------------------------------------------------------- failed writes


def test_a_store_write_past_the_file_size_limit_changes_nothing(tmp_path):
    corpus = seeds_corpus(tmp_path / "corpus")
    cache, out = tmp_path / "cache", tmp_path / "out"
    assert_clean(run("make", "-f", "md", "--date", DAY, "--corpus", str(corpus), "-o", str(out),
                     cache=cache))
    before, brief = contents(cache), (out / f"brief-all-{DAY}.md").read_bytes()
    generated_corpus(corpus / "more", 150)  # a sync that writes megabytes
    failed = run("make", "-f", "md", "--date", DAY, "--corpus", str(corpus), "-o", str(out),
                 cache=cache, preexec_fn=limit_file_size(256 * 1024))
    assert_one_line_error(failed, "fact store")
    assert contents(cache) == before
    assert (out / f"brief-all-{DAY}.md").read_bytes() == brief and leftovers(out) == []
    # Without the limit the next command finishes the job.
    assert_clean(run("index", "--corpus", str(corpus), cache=cache))
    same_store(contents(cache), clean_index(corpus, tmp_path / "clean"))


def test_a_brief_write_past_the_file_size_limit_keeps_the_previous_brief(tmp_path):
    corpus = generated_corpus(tmp_path / "corpus", 80)
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ("make", "-f", "md", "--date", DAY, "--corpus", str(corpus), "-o", str(out))
    assert_clean(run(*args, "--max-facts", "2", cache=cache))
    path = out / f"brief-all-{DAY}.md"
    brief = path.read_bytes()
    # 40 KB: room for SQLite's shared-memory file (32 KB), not for a brief of 200 facts.
    limit = 40 * 1024
    failed = run(*args, "--max-facts", "200", cache=cache, preexec_fn=limit_file_size(limit))
    assert_one_line_error(failed, "cannot write the brief", "File too large")
    assert path.read_bytes() == brief and leftovers(out) == []
    assert_clean(run(*args, "--max-facts", "200", cache=cache))
    assert len(path.read_bytes()) > limit  # the limit was what stopped it


def test_a_read_only_cache_dir_is_one_line_and_keeps_the_store(tmp_path):
    corpus = seeds_corpus(tmp_path / "corpus")
    cache, out = tmp_path / "cache", tmp_path / "out"
    assert_clean(run("index", "--corpus", str(corpus), cache=cache))
    before = contents(cache)
    (corpus / "new.md").write_text("Japan will spend $2 billion on AI chips by 2027.\n",
                                   encoding="utf-8")
    files = list(cache.iterdir())  # the store, its lock and any WAL files: as on a read-only disk
    for path in [*files, cache]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        failed = briefing_unprivileged("make", "-f", "md", "--date", DAY, "--corpus",
                                       str(corpus), "-o", str(out), cache=cache)
    finally:
        for path in [cache, *files]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert_one_line_error(failed, "fact store")
    assert not out.exists()
    assert contents(cache) == before


def test_a_read_only_cache_dir_without_a_store_is_one_line(tmp_path):
    corpus = seeds_corpus(tmp_path / "corpus")
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o555)
    try:
        failed = briefing_unprivileged("index", "--corpus", str(corpus), cache=cache)
    finally:
        cache.chmod(0o755)
    assert_one_line_error(failed, "fact store")


def test_a_read_only_out_dir_keeps_the_previous_brief(tmp_path):
    corpus = seeds_corpus(tmp_path / "corpus")
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ("make", "-f", "md", "--date", DAY, "--corpus", str(corpus), "-o", str(out))
    assert_clean(run(*args, "--max-facts", "2", cache=cache))
    brief = (out / f"brief-all-{DAY}.md").read_bytes()
    out.chmod(0o555)
    try:
        failed = briefing_unprivileged(*args, cache=cache)
    finally:
        out.chmod(0o755)
    assert_one_line_error(failed, "cannot write the brief")
    assert (out / f"brief-all-{DAY}.md").read_bytes() == brief and leftovers(out) == []


# --------------------------------------------------------------------------- a moving corpus


def test_files_that_vanish_change_and_appear_between_scan_and_read(tmp_path):
    """The store's own progress hook runs after each file is read: it changes the files the
    sync listed but has not read yet, deterministically."""
    corpus = generated_corpus(tmp_path / "corpus", 40)
    names = sorted(p.name for p in corpus.iterdir())

    def meddle(done: int, total: int) -> None:
        if done == 5:
            (corpus / names[6]).unlink()  # vanishes
            (corpus / names[7]).write_text("Jan 3, 2025\n\nPeru opens 3 AI labs.\n",
                                           encoding="utf-8")  # changes, size and all
            (corpus / names[8]).unlink()
            (corpus / names[8]).mkdir()  # a file that turns into a folder
            (corpus / "zz-new.txt").write_text("Jan 4, 2025\n\nGhana trains 500 coders.\n",
                                               encoding="utf-8")  # appears

    with Store.for_corpus(corpus) as store:
        first = store.sync(progress=meddle)
        assert first.added == 40
        assert {s.path for s in first.skipped} == {names[6], names[8]}
        second = store.sync()
        assert (second.added, second.changed, second.removed) == (1, 1, 2)
        assert second.skipped == ()
        assert any(f.text == "Peru opens 3 AI labs." for f in store.facts())
    shutil.rmtree(corpus / names[8])
    with Store.for_corpus(corpus) as store:
        assert store.sync().read == 0
    same_store(contents(Path(os.environ["BRIEFING_CACHE_DIR"])),
               clean_index(corpus, tmp_path / "clean"))


def test_a_corpus_rewritten_while_other_processes_sync(tmp_path):
    """Files deleted, rewritten and created at random while syncs run in subprocesses:
    no crash, and the sync after the churn matches a clean index."""
    corpus = generated_corpus(tmp_path / "corpus", blocks=SHORT)
    cache = tmp_path / "cache"
    rng = random.Random(7)
    originals = {p.name: p.read_bytes() for p in corpus.iterdir()}
    for _ in range(2):
        proc = briefing("index", "--corpus", str(corpus), cache=cache)
        while proc.poll() is None:
            name = rng.choice(sorted(originals))
            path = corpus / name
            if path.exists() and rng.random() < 0.4:
                path.unlink()
            elif path.exists():
                path.write_bytes(originals[name] + f"\nRwanda adds {rng.randrange(99)} AI"
                                 " labs.\n".encode())
            else:
                path.write_bytes(originals[name])
            (corpus / f"new-{rng.randrange(50)}.txt").write_text(
                "Jan 5, 2025\n\nUganda trains 300 nurses in AI.\n", encoding="utf-8")
            time.sleep(0.002)
        _, err = proc.communicate()
        assert proc.returncode == 0 and "error" not in err, err
    assert_clean(run("index", "--corpus", str(corpus), cache=cache))
    same_store(contents(cache), clean_index(corpus, tmp_path / "clean"))


def test_a_file_rewritten_within_one_clock_tick_of_a_sync_is_not_missed(tmp_path):
    """A rewrite in the same tick of the file system's clock leaves size and mtime as the
    sync saw them; the store must not trust that stat for a file so fresh."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = corpus / "a.txt"
    path.write_text("Jan 3, 2025\n\nPeru opens 3 AI labs.\n", encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    with Store.for_corpus(corpus) as store:
        store.sync()
        path.write_text("Jan 3, 2025\n\nPeru opens 4 AI labs.\n", encoding="utf-8")
        os.utime(path, ns=(stamp, stamp))  # what a rewrite within the same tick looks like
        assert store.sync().changed == 1
        assert [f.text for f in store.facts()] == ["Peru opens 4 AI labs."]
