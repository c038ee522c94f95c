"""Syria–Russia relations timeline: the Streamlit entry. Run with `streamlit run dashboard.py`."""

import streamlit as st

from components.views import about, data, officials, output, quotes, review, state, timeline, topics

st.set_page_config(page_title="Syria–Russia relations timeline", page_icon="🗂️", layout="wide")
output.inject_css()
data.ensure_database()
with data.database_errors():
    ref = data.load_reference(data.db_key())

PAGES = [
    st.Page(lambda: timeline.render(filters, ref), title="Timeline", url_path="timeline", default=True),
    st.Page(lambda: quotes.render(filters, ref), title="Quotes", url_path="quotes"),
    st.Page(lambda: officials.render(filters, ref), title="Officials", url_path="officials"),
    st.Page(lambda: topics.render(filters, ref), title="Topics", url_path="topics"),
    st.Page(lambda: about.render(filters, ref), title="About the data", url_path="about"),
]
if review.editing_enabled():
    PAGES.append(st.Page(lambda: review.render(filters, ref), title="Review (editing)", url_path="review"))
page = st.navigation(PAGES)
with data.database_errors():  # the sidebar's facet counts read the database too
    filters = state.render_sidebar(ref, search_in_sidebar=page.url_path != "quotes")
    page.run()
