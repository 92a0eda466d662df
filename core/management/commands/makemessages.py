from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """Django's makemessages without msgmerge's fuzzy guesses: a new string stays
    untranslated (and fails the translation test) instead of borrowing a similar
    string's Korean."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
