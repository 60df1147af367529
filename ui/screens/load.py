"""Nạp dữ liệu: load a team's own catalogue (portal JSON records or procedure YAML, files or a zip), see
the import report, and work on it; or a file of annual dossier statistics (CSV or Excel, docs/volumes.md)
for the catalogue in use, checked row by row, then applied. A bad upload is reported and the data in use
stays as it was."""

from __future__ import annotations

from pathlib import Path

import state
import streamlit as st
from i18n import num, t, volumes_text
from i18n_messages import engine_text, error_text, place_text
from streamlit_texts import relabel_uploader

from engine.errors import UserError
from engine.importers.volumes import VolumeImport
from engine.services.audit_cache import cache_dir
from engine.services.paths import catalogue_dir
from engine.services.uploads import (
    MAX_UPLOAD_MB,
    RECORD_SUFFIXES,
    VOLUME_SUFFIXES,
    NothingValid,
    UploadedFile,
    check_volumes,
    load_upload,
    relative_to_upload,
    with_volumes,
)

# The columns a statistics file needs, empty and with made-up figures (docs/volumes.md explains them).
_VOLUME_FILES = Path(__file__).resolve().parents[2] / "docs" / "volumes"
# What the uploaders' limit lines name: the files the service reads.
_RECORD_TYPES = [suffix.lstrip(".") for suffix in (*RECORD_SUFFIXES, ".zip")]
_VOLUME_TYPES = [suffix.lstrip(".") for suffix in VOLUME_SUFFIXES]


def render(lang: str) -> None:
    st.title(t("load_title", lang))
    in_use = state.catalogue_path()
    bundled = in_use == str(catalogue_dir())
    data = state.audited(lang)
    counted = sum(1 for p in data.catalogue.procedures if p.annual_volume and not p.annual_volume.estimate)
    st.info(
        t(
            "now_using",
            lang,
            what=t("bundled", lang) if bundled else t("uploaded", lang),
            n=num(len(data.catalogue.procedures), lang),
        )
        + " "
        + volumes_text(counted, len(data.catalogue.procedures) - counted, lang)
    )
    if not bundled and st.button(t("back_to_bundled", lang), key="back_to_bundled"):
        st.session_state["catalogue_path"] = None
        st.rerun()
    relabel_uploader("upload_files", MAX_UPLOAD_MB, _RECORD_TYPES, lang)
    with st.form("upload", clear_on_submit=False):
        files = st.file_uploader(
            t("load_help", lang, mb=MAX_UPLOAD_MB),
            type=None,  # the service says which files it cannot read (see streamlit_texts)
            accept_multiple_files=True,
            max_upload_size=MAX_UPLOAD_MB,
            key="upload_files",
        )
        submitted = st.form_submit_button(t("check", lang))
    if submitted and files:
        uploaded = [UploadedFile(f.name, f.getvalue()) for f in files]
        try:
            folder, catalogue = load_upload(uploaded, cache_dir() / "uploads")
        except NothingValid as nothing:  # the report still says what is wrong with each file
            st.error(t("load_failed", lang, e=t("nothing_valid", lang)))
            st.session_state["upload_result"] = (
                None,
                0,
                nothing.files_read,
                [(p.path, p.field, p.message) for p in nothing.problems],
            )
        except UserError as error:
            st.session_state.pop("upload_result", None)
            st.error(t("load_failed", lang, e=error_text(error, lang)))
        else:
            st.session_state["upload_result"] = (
                str(folder),
                len(catalogue.procedures),
                catalogue.files_read,
                [(relative_to_upload(p.path, folder), p.field, p.message) for p in catalogue.problems],
            )
    elif submitted:
        st.warning(t("choose_file", lang))
    result = st.session_state.get("upload_result")
    if result:
        folder, valid, read, problems = result
        st.subheader(t("import_report", lang))
        cols = st.columns(3)
        cols[0].metric(t("read", lang), num(read, lang))
        cols[1].metric(t("loaded", lang), num(valid, lang))
        cols[2].metric(t("problems", lang), num(len({f for f, _, _ in problems}), lang))
        if problems:
            st.dataframe(
                [
                    {
                        t("problem_file", lang): f,
                        t("problem_field", lang): place_text(fld, lang),
                        t("problem_message", lang): engine_text(m, lang),
                    }
                    for f, fld, m in problems
                ],
                hide_index=True,
                width="stretch",
            )
        if folder and folder != in_use and st.button(t("use_it", lang), key="use_upload"):
            st.session_state["catalogue_path"] = folder
            state.choose_plan(None)
            st.rerun()
    _volumes(lang, data)


def _volumes(lang: str, data: state.Audited) -> None:
    """A statistics file for the catalogue in use: checked first, applied only on request."""
    st.subheader(t("volumes_title", lang))
    template, example = st.columns(2)
    for column, name, download, key in (
        (template, "template.csv", "mau-so-lieu.csv", "volumes_template"),
        (example, "example.csv", "vi-du-so-lieu.csv", "volumes_example"),
    ):
        column.download_button(
            t(key, lang), (_VOLUME_FILES / name).read_bytes(), download, "text/csv", key=key
        )
    relabel_uploader("volumes_file", MAX_UPLOAD_MB, _VOLUME_TYPES, lang)
    with st.form("volumes_upload"):
        file = st.file_uploader(
            t("volumes_help", lang, mb=MAX_UPLOAD_MB),
            type=None,
            max_upload_size=MAX_UPLOAD_MB,
            key="volumes_file",
        )
        source = st.text_input(t("volumes_source", lang), key="k_volumes_source")
        submitted = st.form_submit_button(t("volumes_check", lang))
    if submitted and file is not None:
        st.session_state.pop("volumes_result", None)
        try:
            checked = check_volumes(
                UploadedFile(file.name, file.getvalue()),
                data.catalogue,
                cache_dir() / "uploads" / "volumes",
                source or file.name,
            )
        except UserError as error:
            st.error(t("load_failed", lang, e=error_text(error, lang)))
        else:
            st.session_state["volumes_result"] = (state.catalogue_path(), checked)
    elif submitted:
        st.warning(t("choose_file", lang))
    if message := st.session_state.pop("volumes_flash", None):
        st.success(message)
    stored = st.session_state.get("volumes_result")
    if not stored or stored[0] != state.catalogue_path():
        return  # checked against another catalogue: check again
    checked = stored[1]
    st.markdown(f"**{t('volumes_report', lang)}**")
    cols = st.columns(3)
    bad_rows = {p.field.split(".")[0] for p in checked.problems}
    cols[0].metric(t("volumes_rows", lang), num(checked.rows_read, lang))
    cols[1].metric(t("volumes_good", lang), num(len(checked.records), lang))
    cols[2].metric(t("volumes_bad", lang), num(len(bad_rows), lang))
    if checked.problems:
        st.dataframe(
            [
                {
                    t("problem_row", lang): place_text(p.field, lang),
                    t("problem_message", lang): engine_text(p.message, lang),
                }
                for p in checked.problems
            ],
            hide_index=True,
            width="stretch",
        )
    if not checked.records:
        st.warning(t("volumes_none_valid", lang))
        return
    st.button(t("volumes_apply", lang), key="volumes_apply", on_click=_apply_volumes, args=(checked, lang))


def _apply_volumes(checked: VolumeImport, lang: str) -> None:
    """Button callback: the catalogue in use becomes a copy with the volumes, before the page redraws."""
    folder = with_volumes(
        Path(state.catalogue_path()), checked.records, cache_dir() / "uploads" / "with-volumes"
    )
    st.session_state["catalogue_path"] = str(folder)
    st.session_state.pop("volumes_result", None)
    codes = {r.code for r in checked.records}
    st.session_state["volumes_flash"] = t("volumes_applied", lang, n=num(len(codes), lang))


if __name__ == "__main__":
    render(state.lang())
