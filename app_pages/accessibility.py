"""The accessibility statement the Public Sector Bodies (Websites and Mobile Applications)
(No. 2) Accessibility Regulations 2018 ask for, after GOV.UK's model statement
(https://www.gov.uk/guidance/model-accessibility-statement). Open to everyone, signed in or
not. The council's contact details come from the settings (ACCESSIBILITY_ORGANISATION,
ACCESSIBILITY_EMAIL, ACCESSIBILITY_PHONE, ACCESSIBILITY_REPLY_DAYS); until they are set, the
page shows a marked placeholder in their place."""

from __future__ import annotations

import streamlit as st

from app_pages.common import literal
from settings import get_settings

PREPARED = "3 December 2026"
REVIEWED = "3 December 2026"


def setting(value: str, placeholder: str) -> str:
    """A contact detail as set, or a placeholder that says plainly it is one."""
    return literal(value.strip()) if value.strip() else f"**[{placeholder}]**"


settings = get_settings()
organisation = setting(
    settings.accessibility_organisation, "the council's name: set ACCESSIBILITY_ORGANISATION"
)
email = setting(settings.accessibility_email, "the council's e-mail: set ACCESSIBILITY_EMAIL")
phone = setting(
    settings.accessibility_phone, "the council's telephone number: set ACCESSIBILITY_PHONE"
)
days = settings.accessibility_reply_days
reply = (
    f"{days} working days"
    if days
    else "**[a number of working days: set ACCESSIBILITY_REPLY_DAYS]**"
)

st.title("Accessibility statement")
st.markdown(
    f"""
This statement covers the shortlisting service: its home page, the role catalogue, *Check your
fit* for applicants, signing in, and the pages HR officers, panel members and administrators
use.

This service is run by {organisation}. We want as many people as possible to be able to use
it. For example, that means you should be able to:

- zoom in up to 200% without text disappearing or overlapping
- use every page with a keyboard alone, with the keyboard focus always visible
- score applications with the keyboard on the score pad (digits score, arrows move, Tab moves
  between criteria)
- listen to the pages with a screen reader: every control has a name, and messages after an
  action stay on the page rather than vanishing
- tell essential from desirable criteria, and every decision, by their words, never by colour
  alone

We have also tried to make the text as plain as possible.

[AbilityNet](https://mcmw.abilitynet.org.uk/) has advice on making your device easier to use
if you have a disability.
"""
)

st.header("How accessible this service is", anchor=False)
st.markdown(
    """
We know some parts of this service are not fully accessible:

- **Tables** (for example the shortlist, the panel's progress and the audit log) are drawn by
  the Streamlit framework as an interactive grid on a canvas. With the keyboard, Tab moves
  into a table and across its columns, and out again; a screen reader reads it cell by cell,
  and some screen readers do not announce the column headings. Every table HR decides from
  can be downloaded as an Excel workbook, which reads well with a screen reader.
- **Charts** on the Shortlist and Moderation pages are pictures. The figures each chart shows
  are in a table beside it ("The figures in this chart" under each Shortlist chart; the table
  above the Moderation page's chart), and in the shortlist workbook.
- **On a narrow screen** (a phone, or a window zoomed to 200% or more) the menu of pages opens
  over the page and stays open after you choose a page: close it with the "Collapse sidebar"
  button at its top.
- **The dark theme**: the service was checked in its light colours. If your device asks for
  dark colours, the framework's own dark theme is used, which we have not checked.
"""
)

st.header("Feedback and contact information", anchor=False)
st.markdown(
    f"""
If you need information from this service in a different format, like accessible PDF, large
print, easy read, audio recording or braille, or you need help to apply, score or take part in
a shortlisting:

- e-mail {email}
- call {phone}

We'll consider your request and get back to you in {reply}. If you are an applicant, asking
for another format or for help never counts against your application: a reasonable adjustment
is your right under the Equality Act 2010.
"""
)

st.header("Reporting accessibility problems with this service", anchor=False)
st.markdown(
    f"""
We're always looking to improve the accessibility of this service. If you find any problems
not listed on this page, or think we're not meeting accessibility requirements, contact
{email} or call {phone}. Tell us the page, what you were trying to do, and the browser and any
assistive technology you use.
"""
)

st.header("Enforcement procedure", anchor=False)
st.markdown(
    """
The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector
Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
'accessibility regulations'). If you're not happy with how we respond to your complaint,
[contact the Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/).

In Northern Ireland, contact the
[Equality Commission for Northern Ireland (ECNI)](https://www.equalityni.org/Home), who are
responsible for enforcing the accessibility regulations there.
"""
)

st.header("Technical information about this service's accessibility", anchor=False)
st.markdown(
    f"""
{organisation} is committed to making this service accessible, in accordance with the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.

### Compliance status

This service is partially compliant with the
[Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA standard,
due to the non-compliances listed below.
"""
)

st.subheader("Non-accessible content", anchor=False)
st.markdown(
    """
The content listed below is non-accessible for the following reasons.

#### Non-compliance with the accessibility regulations

- Tables are drawn on a canvas by the Streamlit framework's data grid. Screen readers reach
  them through the grid's own keyboard model, which does not give every screen reader a
  table's row and column headings (WCAG 1.3.1 Info and relationships). The alternative is the
  Excel workbook HR's pages offer. We plan to show the tables that carry decisions as plain
  tables where the framework allows it.
- Charts have no text alternative of their own (WCAG 1.1.1 Non-text content); each is shown
  with its figures as a table, and the figures are in the workbook.

The automated check (below) finds no other failure on the pages it covers, and no part of
any page is left out of it.

#### Disproportionate burden

We are not claiming that fixing any of these would be a disproportionate burden.

#### Content that's not within the scope of the accessibility regulations

Files HR imports (applications in CSV or Excel) are the council's own working files. The
workbooks, feedback sheets and letters this service makes are checked separately.
"""
)

st.header("What we're doing to improve accessibility", anchor=False)
st.markdown(
    """
Each release is checked automatically (below), and each problem reported to us is added to
this statement until it is fixed.
"""
)

st.header("Preparation of this accessibility statement", anchor=False)
st.markdown(
    f"""
This statement was prepared on {PREPARED}. It was last reviewed on {REVIEWED}.

This service was last tested on {PREPARED}, against the WCAG 2.2 AA standard, by the team
that builds it:

- **automatically, on every page**: axe-core checks every page the browser tests show (the
  home page, the role catalogue, Check your fit, signing in, this statement, and every page of
  an HR officer, a panel member and an administrator) against WCAG 2.0, 2.1 and 2.2 A and AA;
  any serious or critical failure stops the release
- **with the keyboard alone**: scoring on the score pad, agreeing scores at moderation and
  completing Check your fit are done with key presses only, and every control on the
  Shortlist page is reached with Tab, in the page's order, its focus visibly outlined
- **at 200% zoom and on a 390 pixel wide screen**, with no text cut off or overlapping
- **for target size**: every button on the score pad and the moderation desk is at least 24
  by 24 pixels
"""
)
