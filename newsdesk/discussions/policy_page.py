"""The comments policy page: created once per site with a sensible first text."""

from django.db import transaction

from newsdesk.discussions.models import CommentsPolicyPage

POLICY_INTRO = (
    "We publish every comment that keeps to this policy. Moderators review comments "
    "readers report, and comments our automatic checks hold back."
)
POLICY_BODY = """
<h2>What we publish</h2>
<p>Comments that stay on the topic of the story, argue with ideas rather than people,
and that you would be happy to sign with your name.</p>
<h2>What we do not publish</h2>
<ul>
<li>Abuse, harassment, threats and hate against anyone, including other readers and
our journalists.</li>
<li>Spam, advertising and the same comment posted again and again.</li>
<li>Illegal content, and anyone's private information (addresses, phone numbers,
documents).</li>
<li>Comments off the topic of the story.</li>
</ul>
<h2>How moderation works</h2>
<p>Comments appear at once unless our checks or a moderator hold them for review; the
first comments of a new account are reviewed before they appear. Use the
<strong>Report Comment</strong> button beside any comment to ask a moderator to look at it.</p>
<p>If we do not publish your comment we tell you why on your own comments page. Readers who
keep breaking this policy may be warned, paused for a while, or banned from one site or
from the whole network.</p>
<h2>Closing</h2>
<p>Comments close some days after a story is published, or earlier at the editors' discretion.
Contributions of 200 words or more are welcome as stories: send them to us and we may
publish them.</p>
"""


@transaction.atomic
def comments_policy_page_create(*, home) -> CommentsPolicyPage:
    """Publish /comments-policy/ under ``home`` (the site's root), once."""
    existing = CommentsPolicyPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = CommentsPolicyPage(
        title="Comments policy", slug="comments-policy", intro=POLICY_INTRO, body=POLICY_BODY
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
