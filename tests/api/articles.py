"""Articles written for the web app tests (invented, short): two outlets that disagree on a death
toll, and one whose text carries markup that must render inert."""
from __future__ import annotations

MARKET_A = """Bomb kills 12 at Jalalabad market

By Omar Rahimi

Published April 3, 2024

JALALABAD: A bomb hidden in a cart exploded at a crowded fruit market in Jalalabad on Tuesday, killing 12 people and wounding 30, provincial police said.

The Islamic State Khorasan Province claimed responsibility for the bombing in a statement on its news channel.

Taliban spokesman Zabihullah Mujahid condemned the attack and said investigators had arrested two suspects.
"""

MARKET_B = """Death toll in Jalalabad market bombing rises

Published April 4, 2024

JALALABAD: A bomb exploded at a crowded fruit market in Jalalabad on Tuesday, killing 19 people, hospital officials said on Wednesday.

The Islamic State Khorasan Province said it carried out the bombing.

Local traders said the market would stay closed for three days.
"""

XSS = """Report on <script>document.title='pwned'</script> checkpoint raid

Published May 2, 2024

KANDAHAR: Gunmen attacked a checkpoint <img src=x onerror="document.body.dataset.pwned='1'"> near Kandahar on Thursday, killing three guards, officials said.

The attackers fled towards the desert after the raid, police said.
"""

ARTICLES = {"market_a.txt": MARKET_A, "market_b.txt": MARKET_B, "xss.txt": XSS}
