// Copyright 2026 Loan Back Office
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
//
// A refusal reads as a message, not as a crash. Odoo 11's web client titles every dialog of a
// server exception with the JSON-RPC error's message, the untranslated "Odoo Server Error" —
// also the warning dialog of a UserError, a ValidationError or an AccessError, whose text says
// what is wrong and what to do. Those dialogs get the title of their kind instead, in the user's
// language (Odoo's own translations of these labels: 警告, 验证错误, 访问错误, ...), without the
// repeated subtitle. A real crash (any other exception) keeps Odoo's error dialog.
odoo.define('loan_collection.crash_manager', function (require) {
"use strict";

var core = require('web.core');
var CrashManager = require('web.CrashManager');

var _lt = core._lt;

var TITLES = {
    user_error: _lt('Warning'),
    warning: _lt('Warning'),
    access_error: _lt('Access Error'),
    missing_error: _lt('Missing Record'),
    validation_error: _lt('Warning'),  // a refusal of bad input reads as a message, not as an error
    except_orm: _lt('Warning'),
    access_denied: _lt('Access Denied'),
};

CrashManager.include({
    show_warning: function (error) {
        var kind = error && error.data && error.data.exception_type;
        if (error && !error.type && error.message === "Odoo Server Error" && _.has(TITLES, kind)) {
            error = _.extend({}, error, {
                message: String(TITLES[kind]),
                data: _.extend({}, error.data, {title: ''}),
            });
        }
        return this._super(error);
    },
});

});
