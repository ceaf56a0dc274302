"""Nightly revenue report (psycopg placeholders: %s)."""


def revenue_since(cur, since):
    cur.execute("SELECT sum(revenue) FROM rides WHERE start_time > %s", (since,))
    return cur.fetchone()[0]


def forget_actor(cur, actor):
    cur.execute(
        "DELETE FROM audit.audit_log "
        "WHERE actor = %s",
        (actor,),
    )
