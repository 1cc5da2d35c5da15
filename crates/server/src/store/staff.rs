//! Staff accounts.

use crate::sql::Conn;
use klever_api::StaffInfo;

use super::from_code;
use crate::error::AppResult;

/// The employee, with their role.
pub fn info(conn: &Conn, staff_id: i64) -> AppResult<StaffInfo> {
    let (id, name, email, role): (i64, String, String, String) = conn
        .prepare_cached("SELECT id, name, email, role FROM staff WHERE id = ?1")?
        .query_row([staff_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    Ok(StaffInfo {
        id,
        name,
        email,
        role: from_code(&role)?,
    })
}
