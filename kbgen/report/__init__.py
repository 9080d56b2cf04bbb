"""``kbgen report``: what shoppers said (votes, comments) and what they could not find (gaps).

Engine-free: :mod:`.read` turns Netlify CSV exports and JSON Lines into submissions,
:mod:`.stats` ranks entries, :mod:`.gaps` groups unanswered queries and checks them against
today's content, :mod:`.privacy` hides contact details, :mod:`.page` renders the HTML page.
"""
