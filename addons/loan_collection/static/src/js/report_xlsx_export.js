// Copyright 2026 Loan Back Office
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// An "Export XLSX" button in the control panel of a report's pivot, graph and list views. The
// report's window action names its XLSX report in its context ({'xlsx_export_report':
// 'loan_collection.aging_xlsx'}); the button asks the server for the report action with the view's
// current domain and grouping (report.<name>.export_action), so the workbook holds every record of
// the filtered report, not only the page the list shows.
odoo.define('loan_collection.report_xlsx_export', function (require) {
"use strict";

var core = require('web.core');
var GraphController = require('web.GraphController');
var ListController = require('web.ListController');
var PivotController = require('web.PivotController');

var _t = core._t;

var ExportXlsxMixin = {
    /**
     * Append the button to the control panel's buttons when the action names an XLSX report.
     * @param {jQuery} $node
     */
    _loanAddXlsxButton: function ($node) {
        var search = this._loanXlsxSearch();
        if (!$node || !search.context || !search.context.xlsx_export_report) {
            return;
        }
        var $button = $('<button type="button" class="btn btn-default btn-sm o_loan_export_xlsx"/>')
            .text(_t("Export XLSX"))
            .attr('title', _t("Export every row of the report as filtered and grouped, in an Excel workbook"));
        $button.on('click', this._onLoanExportXlsx.bind(this));
        $node.append($button);
    },
    _onLoanExportXlsx: function () {
        var self = this;
        var search = this._loanXlsxSearch();
        return this._rpc({
            model: 'report.' + search.context.xlsx_export_report,
            method: 'export_action',
            args: [search.domain || [], search.groupBy || []],
            context: search.context,
        }).then(function (action) {
            return self.do_action(action);
        });
    },
};

ListController.include(_.extend({}, ExportXlsxMixin, {
    renderButtons: function ($node) {
        this._super.apply(this, arguments);
        this._loanAddXlsxButton($node);
    },
    _loanXlsxSearch: function () {
        var state = this.model.get(this.handle, {raw: true}) || {};
        return {domain: state.domain, groupBy: state.groupedBy, context: state.context};
    },
}));

PivotController.include(_.extend({}, ExportXlsxMixin, {
    renderButtons: function ($node) {
        this._super.apply(this, arguments);
        this._loanAddXlsxButton($node);
    },
    _loanXlsxSearch: function () {
        var data = this.model.data || {};
        var rows = data.main_row ? data.main_row.groupbys : data.groupedBy;
        var cols = data.main_col ? data.main_col.groupbys : data.colGroupBys;
        return {domain: data.domain, groupBy: (rows || []).concat(cols || []), context: data.context};
    },
}));

GraphController.include(_.extend({}, ExportXlsxMixin, {
    renderButtons: function ($node) {
        this._super.apply(this, arguments);
        this._loanAddXlsxButton($node);
    },
    _loanXlsxSearch: function () {
        var chart = this.model.chart || {};
        return {domain: chart.domain, groupBy: chart.groupedBy, context: chart.context};
    },
}));

});
