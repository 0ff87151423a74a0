"""The case page's card that holds one table: {% table_card title table_id %}<thead>…</thead><tbody>…</tbody>{% endtable_card %}.

The card's frame (the card, its heading, the table with its id) is written once in staff/_table_card.html;
the page writes only the table's head and rows, which differ from card to card.
"""

from django import template
from django.template.loader import get_template

register = template.Library()


class TableCardNode(template.Node):
    def __init__(self, title, table_id, nodelist):
        self.title, self.table_id, self.nodelist = title, table_id, nodelist

    def render(self, context):
        return get_template("staff/_table_card.html").render({
            "title": self.title.resolve(context), "table_id": self.table_id.resolve(context),
            "table": self.nodelist.render(context),
        })


@register.tag
def table_card(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% table_card %} takes the card's title and the table's id")
    nodelist = parser.parse(("endtable_card",))
    parser.delete_first_token()
    return TableCardNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)
