"""The command line: each command a few lines over the Python API (``newsgraph.kb``)."""
from __future__ import annotations

import json
import sys
from collections import Counter

import click

from newsgraph import kb as kbmod
from newsgraph.store.db import DEFAULT_DB, StoreError
from newsgraph.store.read import QueryError

DB_OPTION = click.option("--db", default=DEFAULT_DB, show_default=True, help="knowledge base file (SQLite)")


def _open(db: str, readonly: bool = False) -> kbmod.KnowledgeBase:
    try:
        return kbmod.KnowledgeBase(db, readonly=readonly)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news reports about armed conflict → an evidence-backed knowledge base."""


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=int, default=None, help="processes for NLP (default: up to 2 cores)")
@click.option("--max-bytes", type=int, default=20_000_000, show_default=True, help="largest input file accepted")
@click.option("--quiet", is_flag=True, help="no progress bar")
def ingest_cmd(paths: tuple[str, ...], db: str, workers: int | None, max_bytes: int, quiet: bool) -> None:
    """Ingest files, directories (recursively) or - (standard input)."""
    from tqdm import tqdm

    bar = tqdm(unit=" docs", disable=quiet or None, file=sys.stderr, desc="ingest")

    def on_document(summary) -> None:
        bar.update(1)

    def on_reject(rejection) -> None:
        tqdm.write(str(rejection), file=sys.stderr)

    with _open(db) as kb:
        summary = kb.ingest(paths, workers=workers, max_bytes=max_bytes, on_document=on_document,
                            on_reject=on_reject)
    bar.close()
    reasons = Counter(r.reason.split(":")[0] for r in summary.rejected)
    why = f" ({'; '.join(f'{n} {reason}' for reason, n in reasons.most_common())})" if reasons else ""
    click.echo(f"ingested {summary.ingested} documents ({summary.words} words), "
               f"{summary.duplicates} duplicate, {len(summary.rejected)} rejected{why} → {db}")
    if summary.rejected:
        sys.exit(1)


@main.command("export")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(list(kbmod.EXPORT_FORMATS)), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", help="output file (default: standard output); for csv a folder "
              "for every table, or a .csv file for events.csv alone")
@click.option("--type", "types", multiple=True, help="keep events of this type (bombing …) or entities of this "
              "type (PERSON …); repeatable")
@click.option("--since", help="events dated on or after YYYY[-MM[-DD]]")
@click.option("--until", help="events dated on or before YYYY[-MM[-DD]]")
@click.option("--country", help="events in this country (ISO 3166 alpha-2, e.g. PK)")
@click.option("--entity", help="events, claims and contradictions naming this entity (record id or name)")
def export_cmd(db: str, fmt: str, output: str, types: tuple[str, ...], since: str | None, until: str | None,
               country: str | None, entity: str | None) -> None:
    """Export the knowledge base: jsonl (the kb-export contract, version 1), csv (ACLED-like tables),
    geojson, graphml, gexf, ftm (FollowTheMoney) or stix (STIX 2.1). Filters narrow what is exported."""
    from newsgraph.export.filters import FilterError
    from newsgraph.export.ftm import FtMUnavailable

    with _open(db, readonly=True) as kb:
        try:
            counts = kb.export(fmt, output, types=types, since=since, until=until, country=country, entity=entity)
        except FilterError as exc:
            raise click.UsageError(str(exc)) from exc
        except FtMUnavailable as exc:
            raise click.ClickException(str(exc)) from exc
    wrote = ", ".join(f"{n} {what}" for what, n in counts.items() if not what.startswith("skipped"))
    if output != "-":
        click.echo(f"wrote {wrote} to {output}", err=True)
    for what, n in counts.items():
        if what.startswith("skipped") and n:
            click.echo(f"warning: {what.replace('skipped', f'left out {n}', 1)}", err=True)


@main.command("import")
@click.argument("path")
@DB_OPTION
def import_cmd(path: str, db: str) -> None:
    """Load a kb-export JSONL file (from `newsgraph export --format jsonl`; - for standard input)."""
    from newsgraph.imports import ImportFileError

    with _open(db) as kb:
        try:
            summary = kb.import_jsonl(path)
        except (ImportFileError, OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{summary} → {db}")


@main.command("search")
@click.argument("query")
@DB_OPTION
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="one JSON object per hit")
def search_cmd(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over the stored articles (FTS5 syntax: words, "phrases", OR, NOT)."""
    with _open(db, readonly=True) as kb:
        try:
            hits = kb.search(query, limit)
        except QueryError as exc:
            raise click.UsageError(str(exc)) from exc
    for hit in hits:
        if as_json:
            click.echo(json.dumps(hit, ensure_ascii=False))
        else:
            click.echo(f"{hit['id']}  {hit['published'] or '----------'}  {hit['title'] or hit['source']}\n"
                       f"    {hit['snippet']}")
    if not as_json:
        click.echo(f"{len(hits)} hits", err=True)


@main.command("stats")
@DB_OPTION
def stats_cmd(db: str) -> None:
    """Counts of what the knowledge base holds, its most reported actors and latest events."""
    with _open(db, readonly=True) as kb:
        summary = kb.summary()
        rejected = kb.rejections(10)
    click.echo(f"knowledge base {db}")
    for key, value in summary["counts"].items():
        click.echo(f"  {key:15s} {value}")
    click.echo("most reported people and groups:")
    for e in summary["entities"]:
        aliases = f" (also {', '.join(a.name for a in e.aliases[:3])})" if e.aliases else ""
        click.echo(f"  {e.type:6s} {e.name}{aliases}: {len({m.doc for m in e.mentions})} documents")
    click.echo("latest dated events:")
    for ev in summary["events"]:
        where = (ev.location or {}).get("name") or "?"
        dead = f", {ev.fatalities.min}{'+' if ev.fatalities.max is None else ''} dead" if ev.fatalities and ev.fatalities.min else ""
        click.echo(f"  {ev.date.value:10s} {ev.type:13s} {where}{dead} [{ev.status}]")
    for r in rejected:
        click.echo(f"  rejected {r['input']}{':' + str(r['line']) if r['line'] else ''}: {r['reason']}")


@main.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="address to bind (loopback by default)")
@click.option("--port", type=int, default=8000, show_default=True)
def serve_cmd(db: str, host: str, port: int) -> None:
    """Serve the REST API (/api, docs at /docs) and the analyst's pages over a knowledge base."""
    import uvicorn

    from newsgraph.api import security
    from newsgraph.api.app import create_app

    _open(db).close()  # create or migrate the file first, with a clear message if it cannot be
    token, created = security.ensure_token(security.token_path(db))
    if created:
        click.echo(f"write token (shown once; stored in {security.token_path(db)}, mode 600): {token}")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    click.echo(f"newsgraph serving {db} on http://{host}:{port}/ (API docs: http://{host}:{port}/docs)")
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning")


@main.command("eval")
@click.option("--seeds", default=None, help="folder of seed articles (default: ../shared/seeds)")
@click.option("--gold", default=None, help="gold JSONL (default: ../shared/eval/seeds_gold.jsonl)")
@click.option("--workers", type=int, default=None)
def eval_cmd(seeds: str | None, gold: str | None, workers: int | None) -> None:
    """Run the pipeline over the seed articles, score it, and fail below the pinned floors."""
    from newsgraph import evaluate

    try:
        report = evaluate.run(seeds, gold, workers=workers)
    except evaluate.EvalUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(report.scorer_output.rstrip())
    for line in report.gate_lines():
        click.echo(line)
    if report.failures:
        raise click.ClickException(f"{len(report.failures)} figure(s) below the pinned floors")


def _jsonl_in(path: str):
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise click.ClickException(f"{path}: malformed JSON on line {number}: {exc.msg}") from exc


def _jsonl_out(rows, output: str) -> int:
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    n = 0
    try:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    finally:
        if out is not sys.stdout:
            out.close()
    return n


@main.command("dates")
@click.argument("docs")
@click.option("-o", "--output", default="-", help="predictions JSONL (default: standard output)")
def dates_cmd(docs: str, output: str) -> None:
    """Normalise date expressions: {"doc","text","dct","spans"?} lines → {"doc","start","end","value","precision"}.

    With "spans" the given expressions are normalised (oracle mode); without, they are found first.
    """
    from newsgraph.document import dates

    n = _jsonl_out(dates.run_bench_docs(_jsonl_in(docs)), output)
    click.echo(f"wrote {n} date expressions", err=True)


@main.command("entity")
@click.argument("entity_id")
@DB_OPTION
def entity_cmd(entity_id: str, db: str) -> None:
    """Show one entity record: its names and why each article's mention of it was joined."""
    with _open(db, readonly=True) as kb:
        record = next((e for e in kb.entities() if e.id == entity_id), None)
        if record is None:
            raise click.ClickException(f"no entity {entity_id} in {db}")
        click.echo(f"{record.id}  {record.type}  {record.name}")
        click.echo(f"  aliases: {', '.join(a.name for a in record.aliases) or '-'}")
        for member in kb.explain(entity_id):
            rules = "; ".join(member["reason"].get("rules", []))
            click.echo(f"  {member['doc']}  {member['name']!r}  ← {rules}  {' '.join(member['reason'].get('keys', []))}")


@main.command("geocode")
@click.argument("docs")
@click.option("-o", "--output", default="-", help="predictions JSONL (default: standard output)")
@click.option("--workers", type=int, default=1, show_default=True, help="processes for toponym detection")
def geocode_cmd(docs: str, output: str, workers: int) -> None:
    """Geocode places: {"doc","text","spans"?} lines → {"doc","start","end","name","lat","lon","geonames_id","country"}.

    With "spans" the given toponyms are resolved (oracle mode); without, they are found first (spaCy).
    """
    from newsgraph import geo

    n = _jsonl_out(geo.run_bench_docs(_jsonl_in(docs), n_process=workers), output)
    click.echo(f"wrote {n} places", err=True)
