"""Writes the churn example's input tables, silver.users and silver.user_events, with saveAsTable
into the session's warehouse (spark.sql.warehouse.dir, spark-warehouse/ by default).

    bin/ember submit examples/generate_churn_data.py [--users N] [--as-of YYYY-MM-DD] [--seed S]

Users have a plan tier and a churn label; each user's activity (number of events, product areas
used, days since the last event) depends on whether they churned, so a model can learn the label
from examples/churn_features.py's features. Some users have no events and some events belong to
no known user (the inner join drops both), and some events have no product area. Event times
lie in the 90 days before --as-of (today, UTC, by default); the same arguments write the same rows.
"""
import argparse
import datetime
import random
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import (
    DateType, IntegerType, StringType, StructField, StructType, TimestampType,
)

PLAN_TIERS = ["free", "starter", "pro", "team", "enterprise"]
TIER_WEIGHTS = [45, 25, 15, 10, 5]
TIER_CHURN_RATE = {"free": 0.45, "starter": 0.3, "pro": 0.2, "team": 0.12, "enterprise": 0.06}
PRODUCT_AREAS = ["dashboard", "reports", "billing", "integrations", "api", "settings", "search",
                 "alerts"]
COUNTRIES = ["US", "DE", "FR", "GB", "IN", "BR", "JP"]
HISTORY_DAYS = 90

USERS_SCHEMA = StructType([
    StructField("user_id", StringType(), False),
    StructField("plan_tier", StringType(), False),
    StructField("country", StringType(), True),
    StructField("signup_date", DateType(), True),
    StructField("churned", IntegerType(), False)])
EVENTS_SCHEMA = StructType([
    StructField("user_id", StringType(), False),
    StructField("event_time", TimestampType(), False),
    StructField("product_area", StringType(), True),
    StructField("event_name", StringType(), False)])


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--as-of", type=datetime.date.fromisoformat,
                        default=datetime.datetime.now(datetime.timezone.utc).date(),
                        help="the day the history ends (default: today, UTC)")
    parser.add_argument("--seed", type=int, default=11)
    return parser.parse_args(argv)


def user_rows(rng, count, as_of):
    rows = []
    for n in range(count):
        tier = rng.choices(PLAN_TIERS, TIER_WEIGHTS)[0]
        signup = as_of - datetime.timedelta(days=rng.randint(HISTORY_DAYS, 3 * 365))
        churned = 1 if rng.random() < TIER_CHURN_RATE[tier] else 0
        country = rng.choice(COUNTRIES) if rng.random() > 0.03 else None
        rows.append(("u%05d" % n, tier, country, signup, churned))
    return rows


def event_rows(rng, users, as_of):
    """Churned users have fewer events over fewer areas and stopped some weeks ago; one user in
    ten has no events at all; a few events belong to users that are not in silver.users."""
    end = datetime.datetime.combine(as_of, datetime.time())
    rows = []
    for user_id, _tier, _country, _signup, churned in users:
        if rng.random() < 0.1:
            continue
        count = max(1, int(rng.expovariate(1 / (8 if churned else 40))))
        areas = rng.sample(PRODUCT_AREAS, rng.randint(1, 3 if churned else len(PRODUCT_AREAS)))
        quiet_days = rng.randint(20, 80) if churned else rng.randint(0, 15)
        for _ in range(count):
            seconds = rng.randint(quiet_days * 86400, HISTORY_DAYS * 86400 - 1)
            area = rng.choice(areas) if rng.random() > 0.05 else None
            name = rng.choice(["view", "click", "export", "share"])
            rows.append((user_id, end - datetime.timedelta(seconds=seconds), area, name))
    for n in range(len(users) // 50):
        seconds = rng.randint(0, HISTORY_DAYS * 86400 - 1)
        rows.append(("x%05d" % n, end - datetime.timedelta(seconds=seconds), "api", "view"))
    return rows


def main(argv):
    args = parse_args(argv)
    rng = random.Random(args.seed)
    users = user_rows(rng, args.users, args.as_of)
    events = event_rows(rng, users, args.as_of)
    spark = SparkSession.builder.appName("generate-churn-data").getOrCreate()
    spark.sql("CREATE DATABASE IF NOT EXISTS silver")
    spark.createDataFrame(users, USERS_SCHEMA).write.mode("overwrite").saveAsTable("silver.users")
    (spark.createDataFrame(events, EVENTS_SCHEMA).write.mode("overwrite")
        .saveAsTable("silver.user_events"))
    print("silver.users: %d rows, silver.user_events: %d rows" % (len(users), len(events)))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
