# factbrief interface strings: English.
# Fluent syntax: https://projectfluent.org/fluent/guide/
# Every message here must also be in zh.ftl; a message missing from one
# catalogue falls back to the other with a build warning.
# Numbers passed as { $n } are written the English way (200,000).

## Site
nav-label = Site
nav-briefings = Briefings
nav-audit = Audit
nav-feed = Feed
lang-label = Language
lang-both = Both
skip-to-content = Skip to content
footer-about = Made with factbrief { $version }. Every figure is checked against a sourced record; the record and its sources are on each entity page.
footer-credit = The record includes Epoch AI's "Data on AI Models" and "Machine Learning Hardware" (CC BY 4.0).
nav-about = About
about-title = About this site and its record
about-what = factbrief extracts every claimed number of AI accelerators from the articles, compares each with a curated, sourced record, and says whether the record supports it, contradicts it, attributes it to something else, or disputes it.
about-record = The record is a curated dataset of chips, organisations, models and clusters; each fact names its source. It includes { $models } models and clusters and { $chips } chips.
about-epoch = Most model entries, and the facts marked "Epoch AI", come from Epoch AI's "Data on AI Models" and "Machine Learning Hardware" tables, used under the Creative Commons Attribution 4.0 licence. Cite as: Epoch AI, "Data on AI Models" and "Machine Learning Hardware", epoch.ai.
about-verdicts = Verdicts: supported (within tolerance of the record), contradicted (outside it, or another chip), misattributed (the figure belongs to a related model or cluster), disputed (the record's own sources disagree, or a mixed figure is claimed for one chip), unverified (nothing to compare with).

## Index
index-title = AI compute claims, checked
index-lede = { $articles ->
    [one] One article
   *[other] { $articles } articles
  }, { $claims ->
    [one] one accelerator-count claim
   *[other] { $claims } accelerator-count claims
  }, each checked against a sourced record.
index-verdicts = Verdicts across all articles
index-briefings = Briefings, newest first
index-empty = No briefings yet: put Markdown articles in the articles folder and build again.
index-entities = Models, chips and clusters
n-claims = { $n ->
    [one] 1 claim
   *[other] { $n } claims
  }
n-disagree = { $n ->
    [one] 1 disagrees
   *[other] { $n } disagree
  }

## Verdicts
verdict-supported = Supported
verdict-supported-means = Within tolerance of the record
verdict-contradicted = Contradicted
verdict-contradicted-means = Outside tolerance, or another chip
verdict-misattributed = Misattributed
verdict-misattributed-means = The figure belongs to a related entity
verdict-disputed = Disputed
verdict-disputed-means = The record's own sources disagree
verdict-unverified = Unverified
verdict-unverified-means = Nothing in the record to compare with

## Counts, roles, properties
count-exact = { $n }
count-about = about { $n }
count-range = { $n }–{ $max }
role-trained = trained
role-cluster = cluster
role-planned = planned
role-purchased = purchased
role-deployed = deployed
role-other = other
statement = { $role ->
    [trained] { $subject } trained on
    [cluster] { $subject } has a cluster of
    [planned] { $subject } plans
    [purchased] { $subject } bought
    [deployed] { $subject } runs
   *[other] { $subject }:
  } { $approx ->
    [yes] about { $n }
   *[no] { $n }
  } { $n ->
    [one] { $chip }
   *[other] { $chip }s
  }
statement-nosubject = { $approx ->
    [yes] About { $n }
   *[no] { $n }
  } { $n ->
    [one] { $chip }
   *[other] { $chip }s
  } ({ $role })
property-training-chip = training chip
property-training-chip-count = training run
property-training-gpu-hours = GPU hours
property-training-cost-usd = training cost
property-parameters = parameters
property-active-parameters = active parameters
property-training-tokens = training tokens
property-training-compute = training compute
property-training-time-hours = training time
property-cluster-chip-count = cluster size
property-planned-chip-count = planned size
status-official = official
status-reported = reported
status-estimate = estimate
status-press-claim = press claim
kind-model = Model
kind-chip = Chip
kind-organisation = Organisation
kind-cluster = Cluster

## Dates: 10 April 2025, April 2025, 2025
date-ymd = { $day } { $month } { $year }
date-ym = { $month } { $year }
date-y = { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Generated headlines and summaries
list-sep = {", "}
headline-who-none = AI compute
headline-who-two = { $a } vs { $b }
headline-who-more = { $a }, { $b } and { $rest ->
    [one] one other
   *[other] { $rest } others
  }
headline = { $who }: { $n ->
    [0] no compute claim to check
    [one] 1 compute claim checked
   *[other] { $n } compute claims checked
  }
headline-findings = { $who }: { $n ->
    [one] 1 compute claim checked
   *[other] { $n } compute claims checked
  }, { $findings }
headline-contradicted = { $n } contradicted
headline-misattributed = { $n } misattributed
headline-disputed = { $n } disputed
summary-none = This article makes no accelerator-count claim to check.
summary-generated = { $n ->
    [one] One compute claim
   *[other] { $n } compute claims
  } checked against the record: { $parts }.
summary-part-supported = { $n } supported
summary-part-contradicted = { $n } contradicted
summary-part-misattributed = { $n } misattributed
summary-part-disputed = { $n } disputed
summary-part-unverified = { $n } unverified

## Briefing
briefing-kicker = Compute-claims briefing
title-original = Original title
title-generated = Headline generated from the claims.
title-original-is = Original title ({ $orig_lang ->
    [zh] Chinese
   *[other] English
  }):
source = Source:
citing = citing { $who }
claims-heading = Claims and verdicts
claims-none = This article makes no accelerator-count claim to check.
in-article = see in the article
record = Record:
record-also = Also in the record:
record-none = The dataset holds nothing to compare this with.
conflicts-heading = Conflicts within the article
references-heading = References
reference-article = The article:
reference-for = ({ $n ->
    [one] claim
   *[other] claims
  } { $notes })
article-heading = The article, annotated
article-hint = Each claim is underlined in its verdict's colour. Hover over it, or move to it with the Tab key, to see the record.

## Audit
audit-title = Every claim and its verdict
audit-lede = { $n ->
    [0] No claims yet.
    [one] One claim, grouped by verdict.
   *[other] All { $n } claims, grouped by verdict, the ones to act on first.
  }
audit-filter = Show
audit-all = All
audit-group-empty = No claim has this verdict.
audit-sort-hint = With JavaScript on, a click on a column heading sorts its table.
col-article = Article
col-date = Date
col-claim = Claim
col-subject = Subject
col-count = Count
col-record = Record
col-source = Source
col-verdict = Verdict
col-property = Property
col-status = Status
col-as-of = As of

## Entity
entity-aliases = Also known as
entity-lede = { $n ->
    [0] No article gives a count for it yet.
    [one] One claim in the briefings; { $disagree ->
        [one] it disagrees with the record.
       *[other] { $disagree } disagree with the record.
      }
   *[other] { $n } claims in the briefings; { $disagree ->
        [one] 1 disagrees with the record.
       *[other] { $disagree } disagree with the record.
      }
  }
entity-month-lede = { $n ->
    [0] No article gives a count for it this month.
    [one] One claim in the briefings this month; { $disagree ->
        [one] it disagrees with the record.
       *[other] { $disagree } disagree with the record.
      }
   *[other] { $n } claims in the briefings this month; { $disagree ->
        [one] 1 disagrees with the record.
       *[other] { $disagree } disagree with the record.
      }
  }
entity-claims = What the articles claim, oldest first
entity-no-claims = No article gives a count yet.
entity-record = The record
entity-no-record = The dataset holds no accelerator count for it.

## Charts
chart-compare-title = Claimed vs recorded accelerator counts (log scale)
chart-verdicts-title = Claims by verdict
chart-timeline-title = Claims about { $name } over time, against the record
chart-claimed = claimed
chart-no-record = no record to compare
chart-recorded = recorded
chart-claimed-key = Claimed (colour: verdict)
chart-recorded-key = The record
chart-log-note = Log scale: each gridline is ten times the last.
chart-timeline-key = Dots: claims by article date, coloured by verdict. Dashed lines: the record.

## Archive (large sites)
index-archive = Archive by month
index-more = { $n ->
    [one] The newest briefing is listed here; older ones are in the archive below.
   *[other] The newest { $n } briefings are listed here; older ones are in the archive below.
  }
archive-undated = Undated
audit-months = Claims by month of the article
col-month = Month
col-articles = Articles
col-claims = Claims
col-verdicts = Verdicts
